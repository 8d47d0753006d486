import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ScheduleSpec } from '@sello/core/ports';

/**
 * A schedule as the local platform keeps it. `lastFiredAt` is the cursor of the loop: every
 * occurrence at or before it has been handled (fired, given up after retries, or reported missed).
 */
export type StoredSchedule = ScheduleSpec & { createdAt: string; lastFiredAt?: string };

export interface ScheduleStore {
  list(): Promise<StoredSchedule[]>;
  /** Inserts or replaces the schedule with the same name. */
  put(schedule: StoredSchedule): Promise<void>;
  /** Removes the schedule; a missing one is not an error. */
  delete(name: string): Promise<void>;
}

function copy(schedule: StoredSchedule): StoredSchedule {
  // structuredClone keeps Dates and detaches callers from the stored object.
  return structuredClone(schedule);
}

/** Keeps schedules in memory; for tests and throwaway runs. */
export class InMemoryScheduleStore implements ScheduleStore {
  private readonly schedules = new Map<string, StoredSchedule>();

  async list(): Promise<StoredSchedule[]> {
    return [...this.schedules.values()].map(copy).sort((a, b) => a.name.localeCompare(b.name));
  }

  async put(schedule: StoredSchedule): Promise<void> {
    this.schedules.set(schedule.name, copy(schedule));
  }

  async delete(name: string): Promise<void> {
    this.schedules.delete(name);
  }
}

/** On-disk shape: dates as ISO strings, so the file stays readable and diffable. */
type StoredRecord = Omit<StoredSchedule, 'startDate' | 'endDate'> & {
  startDate?: string;
  endDate?: string;
};

interface StoreFile {
  version: 1;
  schedules: StoredRecord[];
}

function toRecord(schedule: StoredSchedule): StoredRecord {
  const { startDate, endDate, ...rest } = schedule;
  const record: StoredRecord = { ...rest };
  if (startDate) record.startDate = startDate.toISOString();
  if (endDate) record.endDate = endDate.toISOString();
  return record;
}

function fromRecord(record: StoredRecord): StoredSchedule {
  const { startDate, endDate, ...rest } = record;
  const schedule: StoredSchedule = { ...rest };
  if (startDate) schedule.startDate = new Date(startDate);
  if (endDate) schedule.endDate = new Date(endDate);
  return schedule;
}

/**
 * Keeps schedules in one JSON file so they survive restarts of the dev server. Writes go to a
 * temporary file that is then renamed over the old one, so a crash never leaves half a file.
 * Read-modify-write cycles are serialised within the process; use one store per file.
 */
export class JsonFileScheduleStore implements ScheduleStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly path: string) {}

  async list(): Promise<StoredSchedule[]> {
    await this.queue;
    return (await this.read()).map(fromRecord);
  }

  put(schedule: StoredSchedule): Promise<void> {
    return this.update((records) => [
      ...records.filter((r) => r.name !== schedule.name),
      toRecord(schedule),
    ]);
  }

  delete(name: string): Promise<void> {
    return this.update((records) => records.filter((r) => r.name !== name));
  }

  private update(change: (records: StoredRecord[]) => StoredRecord[]): Promise<void> {
    const run = this.queue.then(async () => {
      const records = change(await this.read());
      records.sort((a, b) => a.name.localeCompare(b.name));
      await this.write({ version: 1, schedules: records });
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<StoredRecord[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new Error(`Schedule store ${this.path} is not valid JSON`, { cause: err });
    }
    const schedules = (parsed as Partial<StoreFile> | null)?.schedules;
    if (!Array.isArray(schedules)) {
      throw new Error(`Schedule store ${this.path} has no "schedules" array`);
    }
    return schedules;
  }

  private async write(file: StoreFile): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.${randomUUID()}.tmp`;
    try {
      await writeFile(temp, `${JSON.stringify(file, null, 2)}\n`, 'utf8');
      await rename(temp, this.path);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }
}
