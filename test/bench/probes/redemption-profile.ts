import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dynamoClient } from '@sello/app/platform';
import { runningEntry } from '../../../packages/local/src/handlers.ts';
import { startPlatform } from '../../../packages/local/src/platform.ts';
import { freePort } from '../../../packages/local/src/services/ports.ts';
import { benchRedemption } from '../redemption.ts';

/**
 * Where a redemption's time goes: `node --import tsx test/bench/probes/redemption-profile.ts
 * [tickets] [hold]`. Counts every DynamoDB call by command and by the entry that made it (the
 * request or a background function), with its latency, and the CPU each process of the platform
 * used during the measured run. `hold`: background hand-overs wait until the run ends, so the
 * request path is measured alone (the bench then reports how long they took after it).
 */
const tickets = Number(process.argv[2] ?? 200);
const hold = process.argv[3] === 'hold';
const dir = mkdtempSync(join(tmpdir(), 'sello-redemption-profile-'));
const platform = await startPlatform({
  dataDir: join(dir, 'data'),
  port: await freePort(),
  mailPort: await freePort(),
  schedulerIntervalMs: 0,
  dynamoInMemory: process.env.DYNAMO_IN_MEMORY === '1',
  log: () => {},
});

const calls = new Map<string, { n: number; ms: number }>();
/** TRACE=1: every call in order (entry, command, keys), printed at the end. */
const trace: string[] = [];
let counting = false;
dynamoClient().middlewareStack.add(
  (next, context) => async (args) => {
    const started = performance.now();
    if (process.env.TRACE === '1') {
      // biome-ignore lint/suspicious/noExplicitAny: the command's input, read for its keys
      const input = args.input as any;
      const keyOf = (k: unknown) => (k ? JSON.stringify(k).replace(/"/g, '').slice(0, 90) : '');
      const items = input.TransactItems
        ? `[${input.TransactItems.map(
            (t: Record<string, { Key?: unknown; Item?: { pk?: unknown; sk?: unknown } }>) => {
              const [op, body] = Object.entries(t)[0]!;
              return `${op} ${keyOf(body.Key ?? { pk: body.Item?.pk, sk: body.Item?.sk })}`;
            },
          ).join('; ')}]`
        : keyOf(input.Key ?? input.ExpressionAttributeValues ?? input.RequestItems);
      trace.push(
        `${runningEntry()?.replace(/^functions\//, '') ?? '-'} ${context.commandName} ${items}`,
      );
    }
    try {
      return await next(args);
    } finally {
      if (counting) {
        const entry = runningEntry()?.replace(/^functions\//, '') ?? '-';
        const key = `${entry} ${context.commandName}`;
        const c = calls.get(key) ?? { n: 0, ms: 0 };
        c.n++;
        c.ms += performance.now() - started;
        calls.set(key, c);
      }
    }
  },
  { step: 'initialize', name: 'profileCalls' },
);

const children = () =>
  execFileSync('ps', ['--ppid', String(process.pid), '-o', 'pid=,comm='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .map(([pid, comm]) => ({ pid: Number(pid), comm: comm! }))
    .filter((c) => c.comm !== 'ps');
const ticks = (pid: number) => {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  const stat = text.split(') ')[1]!.split(' ');
  return (Number(stat[11]) + Number(stat[12])) * 10; // utime + stime, ms at 100 Hz
};
const cpu = () => ({
  self: ticks(process.pid),
  ...Object.fromEntries(children().map((c) => [`${c.comm}#${c.pid}`, ticks(c.pid)])),
});

try {
  if (hold) platform.invoker.hold();
  let before: Record<string, number> = {};
  const result = await benchRedemption(platform, {
    tickets,
    log: (line) => console.log(line),
    onMeasure: (phase) => {
      if (phase === 'start') {
        counting = true;
        before = cpu();
      } else {
        counting = false;
        const after = cpu();
        console.log('CPU ms during the run, per process:');
        for (const [k, v] of Object.entries(after)) console.log(`  ${k}: ${v - (before[k] ?? 0)}`);
      }
    },
  });
  console.log(JSON.stringify(result));
  console.log('DynamoDB calls during the run (entry command: count, mean ms):');
  for (const [k, v] of [...calls].sort((a, b) => b[1].n - a[1].n)) {
    console.log(
      `  ${k}: ${v.n} (${(v.n / tickets).toFixed(2)}/ticket), ${(v.ms / v.n).toFixed(1)} ms`,
    );
  }
  if (trace.length) console.log(trace.slice(-80).join('\n'));
} finally {
  await platform.stop();
  rmSync(dir, { recursive: true, force: true });
}
