// The etcd twin as a user would run it: the packed tarball in a fresh project, the twin's features and support files
// copied with their imports pointing at the package, beside the project's own {duration} and {json} parameter types.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { processesLeft, twinMembers } from './helpers/process-list.js';
import { assertSucceeded } from './helpers/packed.js';
import { runPackedSuite } from './helpers/packed-suite.js';

// The user's own parameter types, named as the plugin's once were: loading the plugin beside them must not collide.
const OWN_PARAMETER_TYPES = `// The suite's own parameter types, which the plugin must leave alone.
import { defineParameterType } from '@cucumber/cucumber';

defineParameterType({ name: 'duration', regexp: /\\d+ (?:seconds?|minutes?)/, transformer: (text: string) => text });
defineParameterType({ name: 'json', regexp: /\`[^\`]*\`/, transformer: (text: string) => JSON.parse(text.slice(1, -1)) });
`;

let workDir: string | undefined;
after(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

test('the etcd twin runs from the packed tarball in a fresh project with its own {duration} and {json}, and leaves no member', {
  timeout: 1_200_000,
}, async () => {
  const before = new Set(twinMembers());
  workDir = mkdtempSync(join(tmpdir(), 'cucumber-observation-etcd-twin-'));
  const result = await runPackedSuite(workDir, { suite: 'features/etcd-defined', extra: { 'parameter-types.ts': OWN_PARAMETER_TYPES } });
  assertSucceeded('the etcd twin from the tarball', result);
  assert.match(result.output, /\b(\d+) scenarios \(\1 passed\)/, result.output);

  assert.deepEqual(await processesLeft(twinMembers, before), [], 'no etcd member of the twin is left running');
});
