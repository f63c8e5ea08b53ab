// `--format cucumber-observation/report[:file.md]`: the run's observation report as Markdown; also the report's types.
import { reportFormatter } from '../formatter.js';

export default reportFormatter('markdown');
export { RECORD_MEDIA_TYPE, RECORD_VERSION } from '../record.js';
export { REPORT_VERSION } from '../model.js';
export type { ObservationReport, WaitRow, WaitKind, ObservationRow, FeatureRow, RetriedScenario, AttemptRow, StageRow } from '../model.js';
export type { ReportOptions } from '../options.js';
export type { ScenarioRecord, RecordedWait, ObservationTotals } from '../record.js';
