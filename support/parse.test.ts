// What feature files say, parsed without a Cucumber run: durations, JSON literals and docstrings, stages, counts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCount, parseDuration, parseJsonDocString, parseJsonLiteral, parseStage, STAGE_WORDS, StepInputError } from './parse.js';

const DURATION_HELP = 'expected a number followed by ms, s or m, such as 500ms, 1.5s or 2 m';
const JSON_HELP = 'expected a JSON literal: a number, a "double-quoted string", true, false, null, an array or an object';

/** Asserts that `parse` throws a StepInputError with exactly `message`. */
function refuses(parse: () => unknown, message: string): void {
  assert.throws(parse, (error: unknown) => {
    assert.ok(error instanceof StepInputError, `not a StepInputError: ${String(error)}`);
    assert.equal(error.name, 'StepInputError');
    assert.equal(error.message, message);
    return true;
  });
}

/** What this Node's JSON.parse says about `text`, which the messages quote after the input. */
function jsonParseMessage(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${text} parses`);
}

describe('parseDuration', () => {
  test('a number and a unit, short or long, any case, with or without a space', () => {
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration('1.5 s'), 1500);
    assert.equal(parseDuration('.5s'), 500);
    assert.equal(parseDuration('2m'), 120_000);
    assert.equal(parseDuration(' 2 Minutes '), 120_000);
    assert.equal(parseDuration('3 secs'), 3000);
    assert.equal(parseDuration('1 millisecond'), 1);
  });

  test('zero only where allowed', () => {
    assert.equal(parseDuration('0ms', { allowZero: true }), 0);
    refuses(() => parseDuration('0s'), 'invalid duration "0s": it must be greater than zero');
  });

  test('a unit that is unknown, or a name every object has, is refused with the units accepted', () => {
    refuses(() => parseDuration('5 parsecs'), `invalid duration "5 parsecs": unknown unit "parsecs"; ${DURATION_HELP}`);
    refuses(() => parseDuration('5parsecs'), `invalid duration "5parsecs": unknown unit "parsecs"; ${DURATION_HELP}`);
    refuses(() => parseDuration('5 constructor'), `invalid duration "5 constructor": unknown unit "constructor"; ${DURATION_HELP}`);
    refuses(() => parseDuration('5 toString'), `invalid duration "5 toString": unknown unit "toString"; ${DURATION_HELP}`);
  });

  test('an empty, negative, unitless, numberless or too long duration is refused, saying which', () => {
    refuses(() => parseDuration('  '), `empty duration: ${DURATION_HELP}`);
    refuses(() => parseDuration('-1s'), `invalid duration "-1s": it is negative; ${DURATION_HELP}`);
    refuses(() => parseDuration('5'), `invalid duration "5": the unit is missing; ${DURATION_HELP}`);
    refuses(() => parseDuration('ms'), `invalid duration "ms": the number is missing; ${DURATION_HELP}`);
    refuses(() => parseDuration('3000000000s'), 'invalid duration "3000000000s": it must be at most 2147483647 ms (about 24 days)');
  });

  test('the usual slips get a hint: an exponent, two decimal points, digits that are not ASCII', () => {
    refuses(() => parseDuration('1e309s'), `invalid duration "1e309s": write the number without an exponent; ${DURATION_HELP}`);
    refuses(() => parseDuration('1.5.5s'), `invalid duration "1.5.5s": the number has more than one decimal point; ${DURATION_HELP}`);
    refuses(() => parseDuration('٣s'), `invalid duration "٣s": write the number with the ASCII digits 0-9; ${DURATION_HELP}`);
  });

  test('a long input is quoted only in part', () => {
    const text = `${'9'.repeat(200)}x!`;
    assert.throws(() => parseDuration(text), { name: 'StepInputError', message: /^invalid duration "9{80}… \[\d+ more characters\]": / });
  });
});

describe('parseJsonLiteral', () => {
  test('JSON values, and the words NaN, Infinity and -Infinity', () => {
    assert.equal(parseJsonLiteral(' 3 '), 3);
    assert.equal(parseJsonLiteral('"n1"'), 'n1');
    assert.equal(parseJsonLiteral('null'), null);
    assert.deepEqual(parseJsonLiteral('[1, {"a": true}]'), [1, { a: true }]);
    assert.ok(Number.isNaN(parseJsonLiteral('NaN')));
    assert.equal(parseJsonLiteral('Infinity'), Number.POSITIVE_INFINITY);
    assert.equal(parseJsonLiteral('-Infinity'), Number.NEGATIVE_INFINITY);
  });

  test('a "__proto__" key stays an own key of the parsed object', () => {
    const parsed = parseJsonLiteral('{"__proto__": {"polluted": true}}') as object;
    assert.ok(Object.hasOwn(parsed, '__proto__'));
    assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
  });

  test('text that does not parse is quoted with the parser error; a bare word gets a suggestion', () => {
    refuses(() => parseJsonLiteral('leader'), `invalid JSON literal leader: ${jsonParseMessage('leader')}; did you mean "leader"?; ${JSON_HELP}`);
    refuses(() => parseJsonLiteral('{"id": 1'), `invalid JSON literal {"id": 1: ${jsonParseMessage('{"id": 1')}; ${JSON_HELP}`);
    refuses(() => parseJsonLiteral(''), `empty value: ${JSON_HELP}`);
  });

  test('a long literal that does not parse is quoted only in part, with no suggestion', () => {
    const text = 'x'.repeat(200);
    refuses(() => parseJsonLiteral(text), `invalid JSON literal ${'x'.repeat(80)}… [120 more characters]: ${jsonParseMessage(text)}; ${JSON_HELP}`);
  });

  test('a key given twice, and nesting past the depth limit, are refused', () => {
    const lost = 'JSON keeps only the last, so one expectation would be lost';
    refuses(() => parseJsonLiteral('{"a":1,"a":2}'), `invalid JSON literal {"a":1,"a":2}: the key "a" appears twice in the same object; ${lost}`);
    refuses(
      () => parseJsonLiteral('{"a": {"b": 1, "b": 2}}'),
      `invalid JSON literal {"a": {"b": 1, "b": 2}}: the key "b" appears twice in the same object (in a); ${lost}`,
    );
    assert.deepEqual(parseJsonLiteral('[{"a": 1}, {"a": 2}]'), [{ a: 1 }, { a: 2 }]);
    const deep = `${'['.repeat(101)}${']'.repeat(101)}`;
    assert.throws(() => parseJsonLiteral(deep), { message: /: it is nested deeper than 100 levels, the most any value is compared to$/ });
    assert.equal((parseJsonLiteral(`${'['.repeat(100)}${']'.repeat(100)}`) as unknown[]).length, 1);
  });
});

describe('parseJsonDocString', () => {
  test('a JSON docstring', () => {
    assert.deepEqual(parseJsonDocString('{\n  "nodes": {"a": {"role": "leader"}}\n}'), { nodes: { a: { role: 'leader' } } });
  });

  test('one that does not parse is quoted under the parser error', () => {
    const text = '{ nodes: { a: { role: "leader" } } }';
    refuses(() => parseJsonDocString(`${text}\n`), `the docstring is not valid JSON: ${jsonParseMessage(text)}\n  docstring: ${text}`);
    refuses(() => parseJsonDocString('type = elected'), `the docstring is not valid JSON: ${jsonParseMessage('type = elected')}\n  docstring: type = elected`);
  });

  test('a large one is quoted only in part', () => {
    const text = `{ "nodes": ${'x'.repeat(1000)} }`;
    assert.throws(
      () => parseJsonDocString(text),
      (error: unknown) => {
        assert.ok(error instanceof StepInputError);
        assert.match(error.message, /\n {2}docstring: \{ "nodes": x+… \[713 more characters\]$/);
        assert.ok(error.message.length < 2000, `${error.message.length} characters`);
        return true;
      },
    );
  });

  test('a key given twice, and nesting past the depth limit, cannot be used', () => {
    refuses(
      () => parseJsonDocString('{"polls": 1, "polls": 2}'),
      'the docstring cannot be used: the key "polls" appears twice in the same object; JSON keeps only the last, so one expectation would be lost\n' +
        '  docstring: {"polls": 1, "polls": 2}',
    );
    const deep = `${'['.repeat(101)}${']'.repeat(101)}`;
    refuses(
      () => parseJsonDocString(deep),
      `the docstring cannot be used: it is nested deeper than 100 levels, the most any value is compared to\n  docstring: ${deep}`,
    );
  });
});

describe('parseStage and STAGE_WORDS', () => {
  test('"source refresh" (spaced, hyphenated, any case) and "poll"', () => {
    assert.equal(parseStage('source refresh'), 'source-refresh');
    assert.equal(parseStage(' Source-Refresh '), 'source-refresh');
    assert.equal(parseStage('poll'), 'poll');
    assert.deepEqual(STAGE_WORDS, { 'source-refresh': 'source refresh', poll: 'poll' });
  });

  test('another word is refused, naming both stages', () => {
    refuses(() => parseStage('refresh'), 'unknown failure stage "refresh": expected "source refresh" or "poll"');
    refuses(() => parseStage(' parsing '), 'unknown failure stage "parsing": expected "source refresh" or "poll"');
    refuses(() => parseStage('constructor'), 'unknown failure stage "constructor": expected "source refresh" or "poll"');
  });
});

describe('parseCount', () => {
  test('a whole number of 0 or more', () => {
    assert.equal(parseCount(' 7 ', 'history limit'), 7);
    assert.equal(parseCount('0', 'history limit'), 0);
  });

  test('anything else is refused, naming what the number is for', () => {
    refuses(() => parseCount('ten', 'history limit'), 'invalid history limit "ten": expected a whole number of 0 or more');
    refuses(() => parseCount('', 'history limit'), 'invalid history limit "": expected a whole number of 0 or more');
    refuses(() => parseCount('-1', 'startup retries'), 'invalid startup retries "-1": expected a whole number of 0 or more');
    refuses(() => parseCount('1.5', 'startup retries'), 'invalid startup retries "1.5": expected a whole number of 0 or more');
  });
});
