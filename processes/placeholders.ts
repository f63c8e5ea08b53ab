// Placeholders in process definitions and sources: {port:NAME.PORT}, {dir:NAME} and {host}, resolved against one scenario's allocation.

/** The loopback address every process is reached at: what `{host}` stands for. */
export const HOST = '127.0.0.1';

const PLACEHOLDER = /\{([a-z]+)(?::([^{}]*))?\}/g;

/** What a scenario allocated: free ports per process and port name, and a data directory per process. */
export interface Allocation {
  readonly ports: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly dirs: ReadonlyMap<string, string>;
}

/** The port names each process declares, to check placeholders before any allocation. */
export type PortNames = ReadonlyMap<string, readonly string[]>;

/**
 * Replaces every placeholder in `text`. Text without braces of the form `{word}` / `{word:…}` is returned unchanged.
 * @throws Error naming the placeholder and what exists, for an unknown kind, process or port.
 */
export function resolvePlaceholders(text: string, declared: PortNames, allocation: Allocation | undefined): string {
  return text.replace(PLACEHOLDER, (whole, kind: string, argument: string | undefined) => {
    if (kind === 'host' && argument === undefined) return HOST;
    if (kind === 'port' && argument !== undefined) {
      const dot = argument.indexOf('.');
      const name = dot < 0 ? argument : argument.slice(0, dot);
      const port = dot < 0 ? '' : argument.slice(dot + 1);
      const ports = declared.get(name);
      if (!ports) throw new Error(`placeholder ${whole} names no process (defined: ${[...declared.keys()].join(', ')})`);
      if (!ports.includes(port)) {
        throw new Error(
          `placeholder ${whole} names no port of process "${name}" (${ports.length === 0 ? 'it declares no ports' : `its ports: ${ports.join(', ')}`}); expected {port:${name}.PORT}`,
        );
      }
      if (!allocation) return whole;
      return String(allocation.ports.get(name)?.get(port));
    }
    if (kind === 'dir' && argument !== undefined) {
      if (!declared.has(argument)) throw new Error(`placeholder ${whole} names no process (defined: ${[...declared.keys()].join(', ')})`);
      if (!allocation) return whole;
      return allocation.dirs.get(argument) ?? whole;
    }
    throw new Error(`unknown placeholder ${whole}; expected {port:NAME.PORT}, {dir:NAME} or {host}`);
  });
}
