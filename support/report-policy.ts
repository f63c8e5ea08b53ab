// When an observation's summary goes into the report: the one list the type, the parsers and the messages are made from.

/** Every report policy, the default first. */
export const REPORT_POLICIES = ['on-failure', 'always', 'never'] as const;

/** When the After hook attaches the per-observation summary (and timeline) to the report. Default 'on-failure'. */
export type ReportPolicy = (typeof REPORT_POLICIES)[number];

/** Whether `value` names a report policy. */
export function isReportPolicy(value: unknown): value is ReportPolicy {
  return (REPORT_POLICIES as readonly unknown[]).includes(value);
}
