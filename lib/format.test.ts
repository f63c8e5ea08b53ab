// Readable messages for whatever was thrown and for app values of any size.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_SUMMARY_LENGTH, cut, messageOf, summarize } from './format.js';

describe('messageOf', () => {
  test("an Error gives its own message verbatim, without the name", () => {
    assert.equal(messageOf(new Error('node-a: connection refused')), 'node-a: connection refused');
    assert.equal(messageOf(new TypeError('bad')), 'bad');
  });

  test('a string is used as is', () => {
    assert.equal(messageOf('plain text'), 'plain text');
  });

  test('undefined, null, numbers and plain objects read well', () => {
    assert.equal(messageOf(undefined), 'non-Error value thrown: undefined');
    assert.equal(messageOf(null), 'non-Error value thrown: null');
    assert.equal(messageOf(42), 'non-Error value thrown: 42');
    assert.equal(messageOf({ code: 'E_DOWN', node: 3 }), 'non-Error value thrown: {"code":"E_DOWN","node":3}');
    assert.doesNotMatch(messageOf({ a: 1 }), /\[object Object\]/);
  });
});

describe('summarize', () => {
  test('renders values as compact JSON-like text', () => {
    assert.equal(summarize({ a: [1, 2], b: 'x' }), '{"a":[1,2],"b":"x"}');
    assert.equal(summarize(undefined), 'undefined');
    assert.equal(summarize(10n), '10n');
    assert.equal(summarize({ n: 10n }), '{"n":"10n"}');
    assert.equal(summarize(function named() {}), '[function named]');
    assert.equal(summarize(Symbol('s')), 'Symbol(s)');
    assert.equal(summarize(new RangeError('boom')), 'RangeError: boom');
  });

  test('shows Maps and Sets by content', () => {
    assert.equal(summarize(new Map([['k', 1]])), '{"k":1}');
    assert.equal(summarize(new Set([1, 2])), '[1,2]');
  });

  test('does not throw on circular values', () => {
    const value: Record<string, unknown> = { name: 'loop' };
    value.self = value;
    assert.equal(summarize(value), '{"name":"loop","self":"[circular]"}');
  });

  test('cuts huge values to a readable length with a marker saying how much was left out', () => {
    const huge = { items: Array.from({ length: 10_000 }, (_, i) => i) };
    const text = summarize(huge);
    const full = JSON.stringify(huge);
    assert.ok(text.length < DEFAULT_SUMMARY_LENGTH + 50, `summary is ${text.length} characters long`);
    assert.ok(text.startsWith(full.slice(0, DEFAULT_SUMMARY_LENGTH)));
    assert.match(text, new RegExp(`… \\[${full.length - DEFAULT_SUMMARY_LENGTH} more characters\\]$`));
  });

  test('honours a custom maximum length', () => {
    assert.equal(summarize('x'.repeat(30), 10), `"${'x'.repeat(9)}… [22 more characters]`);
  });
});

describe('cut', () => {
  test('leaves short text alone and cuts long text exactly at the limit', () => {
    assert.equal(cut('short', 10), 'short');
    assert.equal(cut('0123456789', 10), '0123456789');
    assert.equal(cut('0123456789ab', 10), '0123456789… [2 more characters]');
  });
});
