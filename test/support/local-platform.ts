import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');

/** What `npm start` wrote to local.json. */
export interface LocalInfo {
  apiUrl: string;
  apiKey: string;
  tenantId: string;
  staffEmail: string;
  staffPassword: string;
  portalUrl: string;
  mailUrl: string;
}

/**
 * Runs `npm start`'s program as a user would, until it prints that it is ready. Generous: DynamoDB
 * Local's JVM takes seconds to start, more on a busy machine.
 */
export async function startLocalPlatform(env: Record<string, string>, readyWithinMs = 180_000) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/local/src/start.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not ready in ${readyWithinMs / 1000} s:\n${output}`)),
      readyWithinMs,
    );
    child.stdout.on('data', () => {
      if (output.includes('[sello] ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
  });
  return { child, output: () => output };
}

/** Ctrl-C, and the exit code once every child is gone. */
export const stopLocalPlatform = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
