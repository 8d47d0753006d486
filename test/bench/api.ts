import { createRequire } from 'node:module';
import type { Platform } from '../../packages/local/src/platform.ts';
import { run } from './procs.ts';
import { median, round } from './stats.ts';

export interface ApiBenchOptions {
  connections: readonly number[];
  durationSeconds: number;
  repeats: number;
  warmupSeconds: number;
  log: (line: string) => void;
}

export interface LoadRun {
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  total2xx: number;
}

export interface ApiResult {
  connections: number;
  runs: LoadRun[];
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** The part of `autocannon --json` this bench reads. */
interface AutocannonJson {
  requests: { average: number };
  latency: { p50: number; p99: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

const autocannonCli = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

/**
 * One autocannon run in its own `node` process: on a 2-core machine, a load generator sharing the
 * server's event loop would measure itself as much as the API.
 */
async function load(url: string, apiKey: string, connections: number, seconds: number) {
  const args = [
    autocannonCli,
    '--json',
    '--connections',
    String(connections),
    '--duration',
    String(seconds),
    '--headers',
    `authorization=Bearer ${apiKey}`,
    url,
  ];
  const done = await run(process.execPath, args);
  if (done.code !== 0) {
    throw new Error(`autocannon exited ${done.code ?? done.signal}:\n${done.stderr}`);
  }
  const result = JSON.parse(done.stdout) as AutocannonJson;
  // Every failed request must fail the bench: a fast 401/404 would inflate the numbers.
  if (result.non2xx !== 0 || result.errors !== 0 || result.timeouts !== 0 || result['2xx'] === 0) {
    throw new Error(
      `autocannon at ${connections} connection(s) saw non-2xx=${result.non2xx} ` +
        `errors=${result.errors} timeouts=${result.timeouts} 2xx=${result['2xx']}`,
    );
  }
  return {
    connections,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total2xx: result['2xx'],
  } satisfies LoadRun;
}

/** Creates the customer every request reads, through the API itself. */
export async function createCustomer(apiUrl: string, apiKey: string): Promise<string> {
  const response = await fetch(`${apiUrl}/v1/customers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      taxId: '12345678Z',
      name: 'Bench SL',
      address: { line1: 'Calle 1', city: 'Madrid', postalCode: '28001', country: 'ES' },
    }),
  });
  const body = (await response.json()) as { id?: string };
  if (response.status !== 201 || !body.id) {
    throw new Error(`POST /v1/customers answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return body.id;
}

/** GET /v1/customers/{id} under load, at each connection count, runs interleaved against drift. */
export async function benchApi(platform: Platform, options: ApiBenchOptions): Promise<ApiResult[]> {
  const { apiUrl, apiKey } = platform.info;
  const id = await createCustomer(apiUrl, apiKey);
  const url = `${apiUrl}/v1/customers/${id}`;

  // Loads the handler (its cold start) and lets the JIT settle before anything is recorded.
  const maxConnections = Math.max(...options.connections);
  options.log(`warm-up: ${options.warmupSeconds} s at ${maxConnections} connections`);
  await load(url, apiKey, maxConnections, options.warmupSeconds);

  const runs: LoadRun[] = [];
  for (let repeat = 1; repeat <= options.repeats; repeat++) {
    for (const connections of options.connections) {
      const result = await load(url, apiKey, connections, options.durationSeconds);
      options.log(
        `run ${repeat}/${options.repeats} c=${connections}: ${round(result.requestsPerSecond)} req/s ` +
          `p50 ${result.p50Ms} ms p99 ${result.p99Ms} ms`,
      );
      runs.push(result);
    }
  }

  return options.connections.map((connections) => {
    const mine = runs.filter((r) => r.connections === connections);
    return {
      connections,
      runs: mine,
      requestsPerSecond: median(mine.map((r) => r.requestsPerSecond)),
      p50Ms: median(mine.map((r) => r.p50Ms)),
      p99Ms: median(mine.map((r) => r.p99Ms)),
    };
  });
}
