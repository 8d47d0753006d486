import { readFileSync } from 'node:fs';

/**
 * Child process of `npm run bench`: `POST /v1/invoices/{id}/issue` from `connections` concurrent
 * workers, each request a different draft, taken in order from a shared queue. The first `warmup`
 * drafts are issued the same way but not recorded; the recorded phase ends when the drafts run out
 * or after `maxSeconds`. Prints one JSON line: per-request outcomes and the elapsed time.
 *
 * Own loop rather than autocannon: every request needs its own id, and every answer is read for
 * the number it was given. Keep-alive sockets (undici's default agent), one per worker.
 */
export interface IssueLoadInput {
  url: string;
  apiKey: string;
  connections: number;
  warmup: number;
  maxSeconds: number;
  /** Path of a JSON file holding the draft ids. */
  idsFile: string;
}

export interface IssueOutcome {
  id: string;
  status: number;
  ms: number;
  number?: string;
  /** The body of a non-200 answer, cut short. */
  error?: string;
}

export interface IssueLoadOutput {
  warmup: IssueOutcome[];
  measured: IssueOutcome[];
  elapsedMs: number;
}

const input = JSON.parse(process.argv[2] ?? '') as IssueLoadInput;
const ids = JSON.parse(readFileSync(input.idsFile, 'utf8')) as string[];
const headers = { authorization: `Bearer ${input.apiKey}` };

async function issue(id: string): Promise<IssueOutcome> {
  const start = performance.now();
  try {
    const response = await fetch(`${input.url}/v1/invoices/${id}/issue`, {
      method: 'POST',
      headers,
    });
    const text = await response.text();
    const ms = performance.now() - start;
    if (response.status !== 200) {
      return { id, status: response.status, ms, error: text.slice(0, 300) };
    }
    const body = JSON.parse(text) as { number?: string };
    return { id, status: response.status, ms, ...(body.number ? { number: body.number } : {}) };
  } catch (error) {
    const ms = performance.now() - start;
    return { id, status: 0, ms, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Issues `queue` with `connections` workers until it is empty or `deadline` (ms) has passed. */
async function drive(queue: readonly string[], deadline: number): Promise<IssueOutcome[]> {
  const outcomes: IssueOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < queue.length && performance.now() < deadline) {
      outcomes.push(await issue(queue[next++]!));
    }
  };
  await Promise.all(Array.from({ length: input.connections }, worker));
  return outcomes;
}

const warmup = await drive(ids.slice(0, input.warmup), Number.POSITIVE_INFINITY);
const start = performance.now();
const measured = await drive(ids.slice(input.warmup), start + input.maxSeconds * 1000);
const elapsedMs = performance.now() - start;
console.log(JSON.stringify({ warmup, measured, elapsedMs } satisfies IssueLoadOutput));
