import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { startDynamoLocal } from '../../../packages/local/src/services/dynamodb.ts';
import { ensureTable } from '../../../packages/local/src/table.ts';

/** Calibration: DynamoDB Local's JVM CPU per call, by JVM options. Args: JSON {javaOptions, args}. */
const variant = JSON.parse(process.argv[2] ?? '{}') as { javaOptions?: string[]; args?: string[] };
const seconds = Number(process.argv[3] ?? 8);
const dynamo = await startDynamoLocal(variant);
const client = new DynamoDBClient({
  endpoint: dynamo.endpoint,
  region: 'eu-south-2',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
});
const db = DynamoDBDocumentClient.from(client);
await ensureTable(client, 'bench');
const pidOf = () =>
  Number(
    execFileSync('ps', ['--ppid', String(process.pid), '-o', 'pid=,comm='], { encoding: 'utf8' })
      .split('\n')
      .find((l) => l.includes('java'))!
      .trim()
      .split(/\s+/)[0],
  );
const javaPid = pidOf();
const ticks = () => {
  const stat = readFileSync(`/proc/${javaPid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(stat[11]) + Number(stat[12])) * 10;
};
const item = (i: number) => ({
  pk: `T#t1`,
  sk: `INV#${i}`,
  type: 'invoice',
  body: 'x'.repeat(2000),
  n: i,
});
const ops = {
  get: (i: number) =>
    db.send(new GetCommand({ TableName: 'bench', Key: { pk: 'T#t1', sk: `INV#${i % 100}` } })),
  put: (i: number) => db.send(new PutCommand({ TableName: 'bench', Item: item(i) })),
  update: (i: number) =>
    db.send(
      new UpdateCommand({
        TableName: 'bench',
        Key: { pk: `A#${i % 16}`, sk: 'A' },
        UpdateExpression: 'ADD #n :one',
        ExpressionAttributeNames: { '#n': 'n' },
        ExpressionAttributeValues: { ':one': 1 },
      }),
    ),
};
for (let i = 0; i < 100; i++) await ops.put(i);
async function load(op: (i: number) => Promise<unknown>, s: number) {
  let n = 0;
  const end = performance.now() + s * 1000;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (performance.now() < end) await op(n++);
    }),
  );
  return n;
}
await load(ops.get, seconds);
await load(ops.put, seconds);
const out: Record<string, string> = {};
for (const [name, op] of Object.entries(ops)) {
  const cpu0 = ticks();
  const self0 = process.cpuUsage();
  const n = await load(op, seconds);
  const self = process.cpuUsage(self0);
  out[name] =
    `${(n / seconds).toFixed(0)}/s, JVM ${((ticks() - cpu0) / n).toFixed(2)} ms CPU/call, node ${((self.user + self.system) / 1000 / n).toFixed(2)} ms CPU/call`;
}
console.log(JSON.stringify({ variant, ...out }));
await dynamo.stop();
