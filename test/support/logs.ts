import { vi } from 'vitest';

/**
 * Collects what the process writes to stdout and stderr (where Powertools Logger writes) into
 * `lines`, instead of printing it, until `vi.restoreAllMocks()`.
 */
export function captureOutput(lines: string[]): void {
  const capture = (chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
}
