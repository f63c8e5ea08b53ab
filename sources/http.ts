// The http and prometheus kinds: one request per cycle over kept-alive connections of the observation's own agent.
import { type Agent, request } from 'undici';
import { metricFilter, parsePrometheusText } from './prometheus-text.js';
import { bounded, downReading, elapsedSince, type SourceReader } from './reading.js';
import type { HttpSourceSpec, PrometheusSourceSpec, SourceReading } from './types.js';

/** Reads an HTTP endpoint: the status, the time, and the body, parsed when it is JSON. */
export function httpReader(name: string, spec: HttpSourceSpec, url: URL, agent: Agent, timeoutMs: number): SourceReader {
  const method = spec.method ?? (spec.body === undefined ? 'GET' : 'POST');
  const body = spec.body === undefined ? undefined : typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body);
  const headers = { ...(typeof spec.body === 'object' && spec.body !== null ? { 'content-type': 'application/json' } : {}), ...spec.headers };
  return {
    name,
    kind: 'http',
    async read(signal): Promise<SourceReading> {
      const startedAt = performance.now();
      try {
        const { status, text } = await bounded(signal, timeoutMs, async (bound) => {
          const response = await request(url, { dispatcher: agent, method, headers, body, signal: bound });
          return { status: response.statusCode, text: await response.body.text() };
        });
        const value = parseBody(text);
        if (spec.expectStatus !== undefined && status !== spec.expectStatus) {
          return { kind: 'http', up: false, value, error: `status ${status}, expected ${spec.expectStatus}`, ms: elapsedSince(startedAt), status };
        }
        return { kind: 'http', up: true, value, error: null, ms: elapsedSince(startedAt), status };
      } catch (error) {
        return downReading('http', error, startedAt);
      }
    },
  };
}

/** Reads a Prometheus endpoint: up when it answers 200 with text that parses; the value is metric → labels → value. */
export function prometheusReader(name: string, spec: PrometheusSourceSpec, url: URL, agent: Agent, timeoutMs: number): SourceReader {
  const wanted = metricFilter(spec.metrics);
  return {
    name,
    kind: 'prometheus',
    async read(signal): Promise<SourceReading> {
      const startedAt = performance.now();
      let status: number | null = null;
      try {
        const text = await bounded(signal, timeoutMs, async (bound) => {
          const response = await request(url, { dispatcher: agent, headers: { accept: 'text/plain' }, signal: bound });
          status = response.statusCode;
          return response.body.text();
        });
        if (status !== 200) return downReading('prometheus', new Error(`status ${status}, expected 200`), startedAt, status);
        return { kind: 'prometheus', up: true, value: parsePrometheusText(text, wanted), error: null, ms: elapsedSince(startedAt), status };
      } catch (error) {
        return downReading('prometheus', error, startedAt, status);
      }
    },
  };
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
