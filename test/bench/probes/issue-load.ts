import { readFileSync } from 'node:fs';

/**
 * Child process of `npm run bench`: `POST /v1/invoices/{id}/issue` from `connections` concurrent
 * workers, each request on a different draft taken in order from a shared queue, until the drafts
 * run out or `maxSeconds` have passed (0: no limit). Prints one JSON line with every outcome.
 *
 * Its own loop rather than autocannon: each request needs its own id, and each answer is read for
 * the number it was given. Keep-alive sockets from undici's default agent, one per worker.
 */
export interface IssueLoadInput {
  url: string;
  apiKey: string;
  connections: number;
  maxSeconds: number;
  /** Path of a JSON file holding the draft ids. */
  idsFile: string;
}

export interface IssueOutcome {
  id: string;
  status: number;
  ms: number;
  /** When the answer came, in ms since the run started. */
  atMs: number;
  number?: string;
  /** What went wrong when the answer is not 200, cut short. */
  error?: string;
}

export interface IssueLoadOutput {
  outcomes: IssueOutcome[];
  elapsedMs: number;
  /** Whether the run ended at `maxSeconds` with drafts left. */
  timedOut: boolean;
}

const input = JSON.parse(process.argv[2] ?? '') as IssueLoadInput;
const ids = JSON.parse(readFileSync(input.idsFile, 'utf8')) as string[];
const headers = { authorization: `Bearer ${input.apiKey}` };

const start = performance.now();

async function issue(id: string): Promise<IssueOutcome> {
  const sent = performance.now();
  try {
    const response = await fetch(`${input.url}/v1/invoices/${id}/issue`, {
      method: 'POST',
      headers,
    });
    const text = await response.text();
    const now = performance.now();
    const timing = { ms: now - sent, atMs: now - start };
    if (response.status !== 200) {
      return { id, status: response.status, ...timing, error: text.slice(0, 300) };
    }
    const { number } = JSON.parse(text) as { number?: string };
    return { id, status: response.status, ...timing, ...(number ? { number } : {}) };
  } catch (error) {
    const now = performance.now();
    const message = error instanceof Error ? error.message : String(error);
    return { id, status: 0, ms: now - sent, atMs: now - start, error: message };
  }
}

const outcomes: IssueOutcome[] = [];
const deadline = input.maxSeconds > 0 ? start + input.maxSeconds * 1000 : Number.POSITIVE_INFINITY;
let next = 0;
const worker = async () => {
  while (next < ids.length && performance.now() < deadline) {
    outcomes.push(await issue(ids[next++]!));
  }
};
await Promise.all(Array.from({ length: input.connections }, worker));
const elapsedMs = performance.now() - start;
const output: IssueLoadOutput = { outcomes, elapsedMs, timedOut: next < ids.length };
console.log(JSON.stringify(output));
