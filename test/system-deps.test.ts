// scripts/system-deps.mjs (run by the tier runner before a tier): what it finds missing, what it does about it, its one-line refusal.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { missingPackages, onPath, packagesFor, plan, SYSTEM_PACKAGES } from '../scripts/system-deps.mjs';
import { TIERS } from '../scripts/test-tiers.mjs';

const chromium = { package: 'chromium', command: 'chromium', override: 'CHROMIUM_PATH', neededBy: 'the timeline browser test', tiers: ['e2e'] };
const etcd = { package: 'etcd-server', command: 'etcd', neededBy: 'the cluster suite', tiers: ['e2e', 'integration'] };

test('lists chromium, and every entry names its package, its command and what needs it', () => {
  assert.ok(SYSTEM_PACKAGES.some((entry) => entry.package === 'chromium'));
  for (const entry of SYSTEM_PACKAGES) {
    assert.match(entry.package, /^[a-z0-9][a-z0-9.+-]+$/);
    assert.ok(entry.command && entry.neededBy, JSON.stringify(entry));
    assert.ok(entry.tiers.length > 0 && entry.tiers.every((tier) => Object.hasOwn(TIERS, tier)), `${entry.package} names known tiers: ${entry.tiers}`);
  }
});

test('a tier needs only the packages that name it; the unit tier needs none', () => {
  assert.deepEqual(packagesFor(['unit']), []);
  assert.deepEqual(packagesFor(['integration'], [chromium, etcd]), [etcd]);
  assert.deepEqual(packagesFor(['e2e'], [chromium, etcd]), [chromium, etcd]);
  assert.deepEqual(packagesFor([], [chromium, etcd]), [chromium, etcd], 'no tier named: every package');
});

test('a package is missing unless its command is an executable on PATH or its override variable is set', () => {
  const dir = mkdtempSync(join(tmpdir(), 'system-deps-'));
  try {
    assert.deepEqual(missingPackages([chromium, etcd], { PATH: dir }), [chromium, etcd]);
    writeFileSync(join(dir, 'etcd'), '#!/bin/sh\n');
    assert.deepEqual(missingPackages([chromium, etcd], { PATH: dir }), [chromium, etcd], 'a file that is not executable is no command');
    chmodSync(join(dir, 'etcd'), 0o755);
    assert.equal(onPath('etcd', dir), true);
    assert.deepEqual(missingPackages([chromium, etcd], { PATH: dir }), [chromium]);
    assert.deepEqual(missingPackages([chromium, etcd], { PATH: dir, CHROMIUM_PATH: '/opt/chromium/chrome' }), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('nothing missing: nothing to do; root with apt-get: one install of every missing package', () => {
  assert.deepEqual(plan([], { isRoot: false, hasAptGet: false }), { action: 'none' });
  assert.deepEqual(plan([chromium, etcd], { isRoot: true, hasAptGet: true }), { action: 'install', packages: ['chromium', 'etcd-server'] });
});

test('not root, or no apt-get: one line naming each missing package, what needs it, and the command', () => {
  const notRoot = plan([chromium, etcd], { isRoot: false, hasAptGet: true });
  assert.equal(notRoot.action, 'fail');
  assert.equal(
    notRoot.message,
    'missing system packages chromium (for the timeline browser test), etcd-server (for the cluster suite): run as root, or install them with: ' +
      'sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium etcd-server',
  );
  const noApt = plan([chromium], { isRoot: true, hasAptGet: false });
  assert.equal(noApt.action, 'fail');
  assert.match(
    noApt.message!,
    /^missing system package chromium \(for the timeline browser test\): install it with your system's package manager \(on Debian: sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium\)$/,
  );
  for (const decision of [notRoot, noApt]) assert.doesNotMatch(decision.message!, /\n/);
});

test('for the unit tier it finds nothing missing on any machine and exits at once, silently, installing nothing', () => {
  const result = spawnSync(process.execPath, ['scripts/system-deps.mjs', 'unit'], { encoding: 'utf8', timeout: 30_000, env: { PATH: '' } });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout + result.stderr, '');
});

test('where apt-get cannot be found, it exits 1 with the one line, having installed nothing', () => {
  // A PATH with neither chromium nor apt-get stands for a machine that lacks the package and has no Debian installer.
  const dir = mkdtempSync(join(tmpdir(), 'system-deps-bare-'));
  try {
    const result = spawnSync(process.execPath, [join(process.cwd(), 'scripts', 'system-deps.mjs'), 'e2e'], {
      cwd: dir,
      env: { PATH: dir },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(result.status, 1, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(
      result.stderr,
      /^missing system packages chromium \(for the timeline browser test\), etcd-server \(for the etcd suites, the process tests and the cluster-start bench\), etcd-client \(for the etcdctl sources of the etcd twin suite\): install them with your system's package manager \(on Debian: [^\n]*apt-get install -y --no-install-recommends chromium etcd-server etcd-client\)\n$/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
