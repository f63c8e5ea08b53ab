// Turns thrown values and app values into short readable text for failure and timeout messages.

/** Longest rendering of a value in a message before it is cut with a marker. */
export const DEFAULT_SUMMARY_LENGTH = 400;

/**
 * The message of whatever was thrown: an Error's own message verbatim, a string as is,
 * anything else rendered so that `undefined`, `null` and plain objects still read well.
 */
export function messageOf(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;
  if (typeof thrown === 'string') return thrown;
  return `non-Error value thrown: ${summarize(thrown)}`;
}

/** Renders a value as compact JSON-like text, cut to `maxLength` characters with a marker saying how much was left out. */
export function summarize(value: unknown, maxLength = DEFAULT_SUMMARY_LENGTH): string {
  return cut(render(value), maxLength);
}

/** Cuts text to `maxLength` characters, ending it with a marker that says how many were left out. */
export function cut(text: string, maxLength = DEFAULT_SUMMARY_LENGTH): string {
  if (text.length <= maxLength) return text;
  const omitted = text.length - maxLength;
  return `${text.slice(0, maxLength)}… [${omitted} more characters]`;
}

function render(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value, jsonReplacer()) ?? String(value);
  } catch {
    return String(value);
  }
}

// Keeps JSON.stringify from throwing on cycles and BigInt, and shows Maps and Sets by content.
function jsonReplacer(): (key: string, value: unknown) => unknown {
  const seen = new WeakSet<object>();
  return (_key, value) => {
    if (typeof value === 'bigint') return `${value}n`;
    if (value === undefined) return value;
    if (value instanceof Map) return Object.fromEntries(value);
    if (value instanceof Set) return [...value];
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    if (typeof value === 'object' && value !== null) {
      if (seen.has(value)) return '[circular]';
      seen.add(value);
    }
    return value;
  };
}
