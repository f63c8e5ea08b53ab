// What a {check} or {comparison} parameter matches: any phrase, except the suffix forms other steps own.

/**
 * A check phrase never swallows a trailing " for <duration>" or " for <n> cycles", nor " and stay so for " or
 * " unless " anywhere: each character is taken only where none of them starts, so steps that end so stay unambiguous.
 * A duration here is whatever {duration} matches, malformed ones included ("1e309s"), so that they reach its message.
 */
export const CHECK_PHRASE =
  /(?:(?! for [-+]?\d*\.?\d*\s*[A-Za-z]+$)(?! for [-+]?(?:[\d.]|[^\x00-\x7F])[^\s":]*(?:\s*[A-Za-z]+)?$)(?! for \d+ cycles?$)(?! and stay so for )(?! unless ).)+/;
