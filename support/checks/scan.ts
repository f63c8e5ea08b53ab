// Reading step text word by word without looking inside its quoted strings, JSON brackets or /regex/ literals.

/**
 * The offsets in `text` where `word` starts at the top level: outside "double-quoted strings", [brackets], {braces}
 * and /regex/ literals, so that a value such as "a and b" or /x for y/ never splits a sentence.
 */
export function topLevelOffsets(text: string, word: string): number[] {
  const found: number[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '"') {
      i = closing(text, i, '"');
      continue;
    }
    if (char === '/' && (i === 0 || text[i - 1] === ' ') && depth === 0) {
      i = closing(text, i, '/');
      continue;
    }
    if (char === '[' || char === '{') depth += 1;
    else if ((char === ']' || char === '}') && depth > 0) depth -= 1;
    else if (depth === 0 && text.startsWith(word, i)) found.push(i);
  }
  return found;
}

// The offset of the character that closes what opens at `start`, skipping escapes; the end of the text when none does.
function closing(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === quote) return i;
  }
  return text.length;
}

/** Splits `text` at the top-level occurrences of `separator` for which `keep` says yes. */
export function splitTopLevel(text: string, separator: string, keep: (rest: string) => boolean = () => true): string[] {
  const parts: string[] = [];
  let from = 0;
  for (const offset of topLevelOffsets(text, separator)) {
    if (offset < from || !keep(text.slice(offset + separator.length))) continue;
    parts.push(text.slice(from, offset));
    from = offset + separator.length;
  }
  parts.push(text.slice(from));
  return parts;
}
