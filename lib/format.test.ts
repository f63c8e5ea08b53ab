// Readable messages for whatever was thrown and for app values of any size.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_SUMMARY_LENGTH, MAX_VALUE_DEPTH, TOO_DEEP, cut, messageOf, renderForDiff, summarize, toJsonSafe } from './format.js';

describe('messageOf', () => {
  test('an Error gives its own message verbatim, without the name', () => {
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
    assert.equal(summarize({ n: 10n }), '{"n":10n}');
    assert.equal(
      summarize(function named() {}),
      '[function named]',
    );
    assert.equal(summarize(Symbol('s')), 'Symbol(s)');
    assert.equal(summarize(new RangeError('boom')), 'RangeError: boom');
  });

  test('shows Maps, Sets, NaN, infinities, -0, Dates and class instances as what they are', () => {
    assert.equal(
      summarize(
        new Map<unknown, unknown>([
          ['k', 1],
          [2, { a: 1 }],
        ]),
      ),
      'Map(2) {"k" => 1, 2 => {"a":1}}',
    );
    assert.equal(summarize(new Set([1, 2])), 'Set(2) {1, 2}');
    assert.equal(summarize({ n: NaN, p: Infinity, m: -Infinity, z: -0 }), '{"n":NaN,"p":Infinity,"m":-Infinity,"z":-0}');
    assert.equal(summarize(new Date(Date.UTC(2020, 0, 2, 3, 4, 5))), 'Date 2020-01-02T03:04:05.000Z');
    assert.equal(summarize(new Date(Number.NaN)), 'Date invalid');
    class Node {
      id = 'n1';
    }
    assert.equal(summarize(new Node()), 'Node {"id":"n1"}');
    assert.equal(summarize(new Uint8Array([1, 2])), 'Uint8Array(2) [1,2]');
  });

  test('shows a cycle as [circular] but a value shared by two branches in both', () => {
    const value: Record<string, unknown> = { name: 'loop' };
    value.self = value;
    assert.equal(summarize(value), '{"name":"loop","self":[circular]}');
    const shared = { up: true };
    assert.equal(summarize({ a: shared, b: [shared] }), '{"a":{"up":true},"b":[{"up":true}]}');
  });

  test('survives what throws while it is read: getters, toJSON, Proxy traps, revoked Proxies', () => {
    const getter = {
      a: 1,
      get b(): never {
        throw new Error('getter boom');
      },
    };
    assert.equal(summarize(getter), '{"a":1,"b":[getter threw: getter boom]}');
    const bare = Object.create(null) as object;
    Object.defineProperty(bare, 'g', {
      enumerable: true,
      get: () => {
        throw 'no';
      },
    });
    assert.equal(summarize(bare), '{"g":[getter threw: no]}');
    const hostile = {
      toJSON: () => {
        throw new Error('toJSON boom');
      },
      toString: () => {
        throw new Error('toString boom');
      },
    };
    assert.equal(summarize(hostile), '[unrenderable object (toJSON threw: toJSON boom)]');
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    assert.equal(summarize(proxy), '[unrenderable Proxy]');
    assert.equal(summarize({ inner: proxy }), '{"inner":[unrenderable Proxy]}');
    const trap = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('trap');
        },
      },
    );
    assert.equal(summarize(trap), '[unrenderable Proxy]');
  });

  test('stops at the one depth limit, saying so', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i += 1) deep = { a: deep };
    const text = summarize(deep, 100_000);
    assert.equal(text.split('{').length - 1, MAX_VALUE_DEPTH);
    assert.ok(text.includes(TOO_DEEP));
    assert.ok(summarize(deep).length < DEFAULT_SUMMARY_LENGTH + 100);
  });

  test('cuts huge values to a readable length with markers saying how much was left out', () => {
    const huge = { items: Array.from({ length: 10_000 }, (_, i) => i) };
    const text = summarize(huge);
    assert.ok(text.length < DEFAULT_SUMMARY_LENGTH + 50, `summary is ${text.length} characters long`);
    assert.ok(text.startsWith('{"items":[0,1,2,3'));
    assert.match(text, /,… 9,\d{3} more items\]\}$/);
    assert.match(summarize({ blob: 'x'.repeat(50_000) }), /^\{"blob":"x+… \[49\d{3} more characters\]"\}$/);
  });

  test('reads only what it shows: a huge value costs what a small one does', () => {
    let reads = 0;
    const items = new Proxy(
      Array.from({ length: 1_000_000 }, (_, i) => i),
      {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
          return Reflect.get(target, key, receiver);
        },
      },
    );
    summarize({ items });
    assert.ok(reads < 500, `${reads} items were read`);
  });

  test('honours a custom maximum length', () => {
    assert.equal(summarize('x'.repeat(100), 10), `"${'x'.repeat(10)}… [90 more characters]"`);
  });
});

describe('messageOf, for values that cannot be rendered', () => {
  test('a revoked Proxy, a value whose toString and toJSON throw, an Error whose message getter throws', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    assert.equal(messageOf(proxy), 'non-Error value thrown: [unrenderable Proxy]');
    class Hostile {
      toJSON(): never {
        throw new Error('no JSON');
      }
      toString(): never {
        throw new Error('no string');
      }
    }
    assert.equal(messageOf(new Hostile()), 'non-Error value thrown: [unrenderable Hostile (toJSON threw: no JSON)]');
    const error = new Error('hidden');
    Object.defineProperty(error, 'message', {
      get: () => {
        throw new Error('no message');
      },
    });
    assert.equal(messageOf(error), '[unrenderable Error] thrown; its message could not be read');
  });
});

describe('a thrown value that cannot be rendered whole is shown by what can be read safely', () => {
  const unprintable = (): object => ({
    code: 'E43',
    detail: { retryable: false },
    toJSON() {
      throw new Error('toJSON boom');
    },
    toString() {
      throw new Error('toString boom');
    },
  });

  test('its class, its own data properties and why the rest could not be rendered', () => {
    assert.equal(
      messageOf(unprintable()),
      'non-Error value thrown: [unrenderable object (toJSON threw: toJSON boom) {"code":"E43","detail":{"retryable":false}}]',
    );
    class Refused {
      readonly status = 503;
      toJSON(): never {
        throw new Error('no JSON');
      }
    }
    assert.equal(messageOf(new Refused()), 'non-Error value thrown: [unrenderable Refused (toJSON threw: no JSON) {"status":503}]');
  });

  test('reads the data through descriptors: no getter runs, and a getter that would throw is left out', () => {
    let getterRuns = 0;
    const value = unprintable();
    Object.defineProperty(value, 'lazy', {
      enumerable: true,
      get: () => {
        getterRuns += 1;
        throw new Error('getter boom');
      },
    });
    assert.equal(summarize(value), '[unrenderable object (toJSON threw: toJSON boom) {"code":"E43","detail":{"retryable":false}}]');
    assert.equal(getterRuns, 0);
  });

  test('cuts its data as any value is cut, and survives a cycle through it', () => {
    const value = { ...unprintable(), blob: 'x'.repeat(10_000) } as Record<string, unknown>;
    value.self = value;
    const text = summarize(value);
    assert.match(text, /^\[unrenderable object \(toJSON threw: toJSON boom\) \{"code":"E43",.*"blob":"x+… \[\d+ more characters\]",… 1 more key\}\]$/);
    assert.ok(text.length < DEFAULT_SUMMARY_LENGTH + 100, `${text.length} characters`);
    assert.ok(summarize(value, 20_000).includes('"self":[circular]'));
  });

  test('as JSON, its data with the description beside it', () => {
    assert.deepEqual(toJsonSafe(unprintable(), 1000), {
      code: 'E43',
      detail: { retryable: false },
      '[unrenderable]': 'unrenderable object (toJSON threw: toJSON boom)',
    });
  });

  test('an Error whose message cannot be read keeps its code', () => {
    const error = Object.assign(new Error('hidden'), { code: 'ECONNRESET' });
    Object.defineProperty(error, 'message', {
      get: () => {
        throw new Error('no message');
      },
    });
    assert.equal(messageOf(error), '[unrenderable Error {"code":"ECONNRESET"}] thrown; its message could not be read');
  });
});

describe('toJsonSafe', () => {
  test('keeps what JSON can hold of any value, and says what the rest was', () => {
    const loop: Record<string, unknown> = { id: 1 };
    loop.self = loop;
    const value = {
      big: 10n,
      map: new Map([['a', 1]]),
      set: new Set([1, 2]),
      nan: NaN,
      when: new Date(0),
      loop,
      getter: {
        get x(): never {
          throw new Error('boom');
        },
      },
      gone: undefined,
    };
    assert.deepEqual(toJsonSafe(value, 10_000), {
      big: '10n',
      map: { a: 1 },
      set: [1, 2],
      nan: 'NaN',
      when: '1970-01-01T00:00:00.000Z',
      loop: { id: 1, self: '[circular]' },
      getter: { x: '[getter threw: boom]' },
    });
  });

  test('stays valid JSON when cut', () => {
    const cutValue = toJsonSafe({ list: Array.from({ length: 10_000 }, (_, i) => ({ i })), text: 'y'.repeat(5000) }, 1000) as {
      list: unknown[];
    };
    assert.ok(JSON.stringify(cutValue).length < 1200);
    assert.match(String(cutValue.list.at(-1)), /^… 9,\d{3} more items$/);
  });
});

describe('renderForDiff', () => {
  test('renders over several lines, within its budget', () => {
    assert.equal(renderForDiff({ a: [1], m: new Map([[1, 2]]) }, 1000), '{\n  "a": [\n    1\n  ],\n  "m": Map(1) {\n    1 => 2\n  }\n}');
    assert.ok(
      renderForDiff(
        Array.from({ length: 100_000 }, (_, i) => i),
        1000,
      ).length < 1200,
    );
  });
});

describe('cut', () => {
  test('leaves short text alone and cuts long text exactly at the limit', () => {
    assert.equal(cut('short', 10), 'short');
    assert.equal(cut('0123456789', 10), '0123456789');
    assert.equal(cut('0123456789ab', 10), '0123456789… [2 more characters]');
  });
});
