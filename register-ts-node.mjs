// Lets Node's test runner load TypeScript sources through ts-node without a type check (tsc --noEmit does that).
import { register } from 'node:module';

register('ts-node/esm/transpile-only', import.meta.url);
