// The catalog suite's processes: a small HTTP server on a port of its own and a worker that names it, for the process steps.
import { defineProcesses } from '../../../index.js';

// Plain one-line programs: the catalog needs real processes to signal, not a system of its own.
const SERVER = `require('node:http').createServer((q, r) => r.end('ok')).listen(Number(process.argv[1]), '127.0.0.1', () => console.log('listening'))`;
const WORKER = `console.log('worker of port ' + process.argv[1]); setInterval(() => {}, 60000)`;

defineProcesses({
  web: {
    command: process.execPath,
    args: ['-e', SERVER, '{port:web.http}'],
    env: { NODE_OPTIONS: '' },
    ports: ['http'],
    ready: { http: 'http://{host}:{port:web.http}/' },
    stopGraceMs: 2000,
  },
  worker: { command: process.execPath, args: ['-e', WORKER, '{port:web.http}'], env: { NODE_OPTIONS: '' }, ready: { log: /^worker of port \d+$/ } },
});
