import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SandboxPacJournal, StampRecord } from './sandbox-pac.ts';

/**
 * The sandbox PAC's memory in a file of JSON lines: one line per stamp or cancellation, appended
 * (constant cost per stamp, however long the file); the last line of a UUID is its state. A
 * torn last line (the process killed mid-write) is skipped.
 */
export class JsonLinesPacJournal implements SandboxPacJournal {
  constructor(private readonly path: string) {}

  load(): StampRecord[] {
    if (!existsSync(this.path)) return [];
    const byUuid = new Map<string, StampRecord>();
    for (const line of readFileSync(this.path, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const entry = JSON.parse(line) as StampRecord;
        byUuid.set(entry.uuid, entry);
      } catch {
        // an interrupted write; the entries before it stand
      }
    }
    return [...byUuid.values()];
  }

  record(entry: StampRecord): void {
    mkdirSync(dirname(this.path), { recursive: true });
    appendFileSync(this.path, `${JSON.stringify(entry)}\n`);
  }
}
