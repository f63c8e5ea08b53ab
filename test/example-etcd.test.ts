// `npm run example:etcd` without etcd: it stops before Cucumber starts, with one line that says how to install etcd.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const SCRIPT = 'scripts/example-etcd.mjs';

for (const [label, env] of [
  ['no etcd on PATH', { PATH: '' }],
  ['an ETCD_BIN that is not an executable', { PATH: '', ETCD_BIN: '/no/such/etcd' }],
] as const) {
  test(`${label}: exit code 1 and one line naming the way to install it`, () => {
    const result = spawnSync(process.execPath, [SCRIPT], { env, encoding: 'utf8' });
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '', 'Cucumber did not start');
    const lines = result.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(
      lines[0]!,
      /^npm run example:etcd: .*install it with `apt-get install etcd-server` \(Debian, Ubuntu\), or set ETCD_BIN to the etcd executable$/,
    );
  });
}
