import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTaskScheduler } from '@sello/app/platform';
import { afterAll, inject } from 'vitest';
import {
  JsonFileScheduleStore,
  LocalScheduler,
  LocalSchedulerPort,
} from '../../../packages/local/src/scheduler/index.ts';
import type { startApi } from '../../support/api.ts';

/**
 * The local scheduler as the platform runs it, for this test file: task handlers keep their
 * schedules in a JSON store (the one `npm start` uses), and the loop — ticked by hand — fires them
 * through the local invoker, as EventBridge Scheduler invokes `runTask`.
 */
export function localScheduler(api: Awaited<ReturnType<typeof startApi>>) {
  const dir = mkdtempSync(join(tmpdir(), 'sello-tasks-'));
  const store = new JsonFileScheduleStore(join(dir, 'schedules.json'));
  useTaskScheduler(new LocalSchedulerPort(store));
  const loop = new LocalScheduler({
    store,
    invoke: (target, event) => api.invoker.runScheduled(target, event),
  });
  afterAll(() => {
    useTaskScheduler(undefined);
    rmSync(dir, { recursive: true, force: true });
  });
  return { store, loop };
}

export interface StoredMail {
  subject: string;
  destination: { to: string[] };
  body: { text?: string };
  attachments: { filename: string; contentType: string; size: number }[];
}

/** Mails the local SES server holds for an address (its web view shows the same store). */
export async function mailsTo(address: string): Promise<StoredMail[]> {
  const { ses } = inject('endpoints');
  const store = (await (await fetch(`${ses}/store`)).json()) as { emails: StoredMail[] };
  return store.emails.filter((m) => m.destination.to.some((t) => t.includes(address)));
}

let unique = 0;
/** An address no other test of the run uses. */
export const uniqueEmail = (who: string) => `${who}-${Date.now()}-${++unique}@tasks.example`;
