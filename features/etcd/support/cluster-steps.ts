// Action steps on the etcd cluster; every check is made with the library's generic steps.
import { Given, When } from '@cucumber/cucumber';
import { WRITE_TIMEOUT_MS, type EtcdWorld } from './world.js';

// The cluster bounds its own start (30 s to form) and restarts; these timeouts sit above those bounds, so that a slow
// start fails with the cluster's message rather than Cucumber's.
const START_TIMEOUT_MS = 40_000;
const WRITE_STEP_TIMEOUT_MS = WRITE_TIMEOUT_MS + 5000;

Given('an etcd cluster of {int} members', { timeout: START_TIMEOUT_MS }, async function (this: EtcdWorld, size: number) {
  await this.startCluster(size);
});

Given('leadership is handed to member {string}', { timeout: WRITE_STEP_TIMEOUT_MS }, async function (this: EtcdWorld, name: string) {
  await this.handLeadershipTo(name);
});

When('member {string} is killed with SIGKILL', async function (this: EtcdWorld, name: string) {
  await this.kill(name);
});

When('member {string} is frozen with SIGSTOP', function (this: EtcdWorld, name: string) {
  this.freeze(name);
});

When('member {string} is resumed with SIGCONT', function (this: EtcdWorld, name: string) {
  this.thaw(name);
});

When('member {string} is restarted', { timeout: START_TIMEOUT_MS }, async function (this: EtcdWorld, name: string) {
  await this.restart(name);
});

When(
  'a client writes {string} = {string} through member {string}',
  { timeout: WRITE_STEP_TIMEOUT_MS },
  async function (this: EtcdWorld, key: string, value: string, name: string) {
    await this.write(name, key, value);
  },
);

When('a client tries to write {string} = {string} through member {string}', async function (this: EtcdWorld, key: string, value: string, name: string) {
  await this.tryWrite(name, key, value);
});
