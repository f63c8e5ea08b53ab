// Runs every example of docs/checks.md: each `js` block's expressions give exactly what the `// →` lines say.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import * as checks from './index.js';

const page = readFileSync(new URL('../../docs/checks.md', import.meta.url), 'utf8');

interface Example {
  /** Statements run before the expression (a check built once and judged twice). */
  readonly statements: string;
  readonly expression: string;
  readonly expected: string;
  readonly throws: boolean;
}

// A block is code lines, each run closed by "// → <result>" or "// throws → <message>", continued by "//   …" lines.
function examplesOf(block: string): Example[] {
  const examples: Example[] = [];
  let code: string[] = [];
  let current: { expected: string[]; throws: boolean } | undefined;
  const close = () => {
    if (current === undefined) return;
    const text = code.join('\n');
    const split = text.lastIndexOf(';\n');
    examples.push({
      statements: split === -1 ? '' : text.slice(0, split + 1),
      expression: split === -1 ? text : text.slice(split + 2),
      expected: current.expected.join('\n'),
      throws: current.throws,
    });
    code = [];
    current = undefined;
  };
  for (const line of block.split('\n')) {
    const result = /^\/\/ (throws )?→ (.*)$/.exec(line);
    if (result) {
      close();
      current = { expected: [result[2]!], throws: result[1] !== undefined };
    } else if (current !== undefined && line.startsWith('//   ')) {
      current.expected.push(line.slice('// '.length));
    } else {
      close();
      if (line.trim() !== '') code.push(line);
    }
  }
  close();
  assert.equal(code.length, 0, `code without a "// →" line after it: ${code.join('\n')}`);
  return examples;
}

function shownResult(result: unknown): string {
  if (result === undefined) return 'holds';
  if (typeof result === 'string') return result;
  if (typeof result === 'object' && result !== null && typeof (result as { message?: unknown }).message === 'string')
    return (result as { message: string }).message;
  return JSON.stringify(result);
}

const blocks = [...page.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
const names = Object.keys(checks);
const values = names.map((name) => (checks as Record<string, unknown>)[name]);

describe('docs/checks.md examples', () => {
  test('the page has examples, and every block is read whole', () => {
    assert.ok(blocks.length >= 20, `only ${blocks.length} js blocks found`);
  });

  blocks.forEach((block, index) => {
    test(`block ${index + 1}: ${block.split('\n')[0]!.slice(0, 80)}`, () => {
      const examples = examplesOf(block);
      assert.ok(examples.length > 0, 'a block with no "// →" line');
      for (const example of examples) {
        const run = new Function(...names, `${example.statements}\nreturn (${example.expression});`) as (...args: unknown[]) => unknown;
        if (example.throws) {
          assert.throws(
            () => run(...values),
            (error: Error) => {
              assert.equal(error.message, example.expected);
              return true;
            },
          );
        } else {
          assert.equal(shownResult(run(...values)), example.expected, example.expression);
        }
      }
    });
  });
});
