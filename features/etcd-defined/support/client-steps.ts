// The twin's client actions, made with etcdctl: hand leadership to a member, and write a key through one.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Given, When } from '@cucumber/cucumber';
import { processesOf } from '../../../index.js';

const run = promisify(execFile);
const etcdctl = (world: object, members: string[], timeout: string, ...args: string[]) => {
  const endpoints = members.map((name) => processesOf(world).resolve(`http://{host}:{port:${name}.client}`)).join(',');
  return run('etcdctl', [`--endpoints=${endpoints}`, `--command-timeout=${timeout}`, ...args]);
};

Given('leadership is handed to member {string}', { timeout: 30_000 }, async function (this: object, name: string) {
  const { stdout } = await etcdctl(this, [name], '10s', 'member', 'list');
  const id = stdout
    .split('\n')
    .find((line) => line.split(', ')[2] === name)
    ?.split(', ')[0];
  if (!id) throw new Error(`member ${name} is not in the member list:\n${stdout}`);
  await etcdctl(this, ['e1', 'e2', 'e3'], '10s', 'move-leader', id);
});

When(
  'a client writes {string} = {string} through member {string}',
  { timeout: 15_000 },
  async function (this: object, key: string, value: string, name: string) {
    await etcdctl(this, [name], '10s', 'put', key, value);
  },
);

When(
  'a client tries to write {string} = {string} through member {string}',
  async function (this: { log(text: string): void }, key: string, value: string, name: string) {
    const outcome = await etcdctl(this, [name], '2s', 'put', key, value).then(
      () => 'acknowledged',
      (error: Error & { stderr?: string }) => error.stderr?.trim() || error.message,
    );
    this.log(`write ${key}=${value} through ${name}: ${outcome}`);
  },
);
