// The process kind: the state of one process of the scenario's process set, read without any I/O.
import type { SourceReader } from './reading.js';
import type { ProcessesView, SourceReading } from './types.js';

/** Up while the process runs; the value is its status (state, pid, exit code or signal, restarts). */
export function processReader(name: string, processName: string, processes: ProcessesView): SourceReader {
  return {
    name,
    kind: 'process',
    read(): SourceReading {
      const startedAt = performance.now();
      const status = { ...processes.status(processName) };
      const up = status.state === 'running';
      const error = up ? null : describe(status);
      return { kind: 'process', up, value: status, error, ms: Math.round((performance.now() - startedAt) * 10) / 10 };
    },
  };
}

function describe(status: { state: string; code?: number | null; signal?: string | null }): string {
  if (status.state !== 'exited') return status.state;
  if (status.signal) return `exited with signal ${status.signal}`;
  return `exited with code ${status.code ?? 'unknown'}`;
}
