// A benchmark child: N local HTTP servers answering JSON, so that their work is not counted in the bench's own CPU.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const count = Number(process.argv[2] ?? '100');
const body = JSON.stringify({ health: 'true', member: { id: 'e1', term: 7, leader: 'e2', index: 123_456 }, peers: ['e1', 'e2', 'e3'] });
const servers: Server[] = [];
for (let index = 0; index < count; index += 1) {
  const server = createServer((_request, response) => response.setHeader('content-type', 'application/json').end(body));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
}
console.log(JSON.stringify({ ports: servers.map((server) => (server.address() as AddressInfo).port) }));
// The parent ends the servers by closing stdin (or by dying, which closes it too).
process.stdin.resume().on('end', () => process.exit(0));
