import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../../packages/local/src/services/ports.ts';
import {
  type LocalInfo,
  startLocalPlatform,
  stopLocalPlatform,
} from '../../support/local-platform.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** What the one `npm start` of the browser tests wrote to its local.json. */
    platform: LocalInfo;
  }
}

/**
 * One `npm start` for every browser test file (each file its own browser and its own data):
 * as a user runs it, so it builds the portal first when missing or stale.
 */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'sello-e2e-'));
  let platform: ChildProcess | undefined;
  try {
    // The API and mail ports are picked free here but bound seconds later, after the services
    // started: one of those may have been handed the same port meanwhile. Then pick again.
    for (let attempt = 1; !platform; attempt++) {
      const [port, mailPort] = [await freePort(), await freePort()];
      try {
        ({ child: platform } = await startLocalPlatform({
          PORT: String(port),
          SELLO_MAIL_PORT: String(mailPort),
          SELLO_DATA_DIR: dataDir,
        }));
      } catch (error) {
        if (attempt >= 3 || !String(error).includes('EADDRINUSE')) throw error;
      }
    }
    project.provide('platform', JSON.parse(readFileSync(join(dataDir, 'local.json'), 'utf8')));
  } catch (error) {
    if (platform) await stopLocalPlatform(platform);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return async () => {
    if (platform) await stopLocalPlatform(platform);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
