// The Node binaries of the packaging test: a run that cannot get one fails, saying why, and never skips.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { nodeBinary, nodeCacheDir } from './helpers/node-binaries.js';

let dir = '';
const saved = process.env.CUCUMBER_OBSERVATION_NODE_CACHE;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'node-binaries-'));
});

afterEach(() => {
  if (saved === undefined) delete process.env.CUCUMBER_OBSERVATION_NODE_CACHE;
  else process.env.CUCUMBER_OBSERVATION_NODE_CACHE = saved;
  rmSync(dir, { recursive: true, force: true });
});

test("the running Node's own major needs no download", async () => {
  process.env.CUCUMBER_OBSERVATION_NODE_CACHE = join(dir, 'unused');
  assert.equal(await nodeBinary(Number(process.versions.node.split('.')[0])), process.execPath);
});

test('a cache folder that cannot be made fails, naming it and the variable that moves it', async () => {
  writeFileSync(join(dir, 'a-file'), '');
  process.env.CUCUMBER_OBSERVATION_NODE_CACHE = join(dir, 'a-file', 'cache');
  assert.equal(nodeCacheDir(), join(dir, 'a-file', 'cache'));
  await assert.rejects(nodeBinary(99), (error: Error) => {
    assert.match(error.message, /^cannot get a Node 99 binary: the cache folder .*a-file\/cache cannot be made \(.*\); set CUCUMBER_OBSERVATION_NODE_CACHE$/);
    return true;
  });
});

test('a major the registry does not have fails with what npm said, and leaves no half entry in the cache', async () => {
  process.env.CUCUMBER_OBSERVATION_NODE_CACHE = dir;
  await assert.rejects(nodeBinary(999), (error: Error) => {
    assert.match(
      error.message,
      /^cannot get a Node 999 binary from the npm registry's "node" package: npm install node@999 exited with 1; output:\n[\s\S]*(ETARGET|No matching version)/,
    );
    return true;
  });
  assert.deepEqual(readdirSync(dir), []);
});
