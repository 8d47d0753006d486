import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../packages/local/src/services/ports.ts';
import {
  type LocalInfo,
  startLocalPlatform,
  stopLocalPlatform,
} from '../../support/local-platform.ts';

const root = join(import.meta.dirname, '../../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The first shell block under a README heading. */
function shellBlockUnder(heading: string): string {
  const section = readme.split(`\n${heading}\n`)[1];
  const block = section && /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error(`README has no sh block under "${heading}"`);
  return block;
}

/**
 * The README's walkthrough of the main job, run as written (bash, curl, node) against `npm start`
 * with the data folder moved by SELLO_DATA_DIR: what a new user copies must work.
 */
describe('the README walkthrough', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sello-readme-'));
  const workDir = mkdtempSync(join(tmpdir(), 'sello-readme-work-'));
  let child: ChildProcess;
  let info: LocalInfo;
  let run: { status: number | null; stdout: string; stderr: string };

  beforeAll(async () => {
    const [port, mailPort] = [await freePort(), await freePort()];
    ({ child } = await startLocalPlatform({
      PORT: String(port),
      SELLO_MAIL_PORT: String(mailPort),
      SELLO_DATA_DIR: dataDir,
    }));
    info = JSON.parse(readFileSync(join(dataDir, 'local.json'), 'utf8'));
    const script = `set -euo pipefail\n${shellBlockUnder('### Your first invoice')}`;
    const result = spawnSync('bash', ['-c', script], {
      cwd: workDir,
      env: { ...process.env, SELLO_DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 120_000,
    });
    run = { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }, 300_000);

  afterAll(async () => {
    if (child) await stopLocalPlatform(child);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  });

  const file = (name: string) => readFileSync(join(workDir, name));

  it('runs to the end: customer, product, draft, issue, download, send', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [number, status] = run.stdout.trim().split('\n');
    expect(number).toMatch(/^F\d{4}-\d{6}$/);
    expect(status).toBe('sent');
  });

  it('invoices another business, not the demo tenant itself', async () => {
    const tenant = await fetch(`${info.apiUrl}/v1/tenant`, {
      headers: { authorization: `Bearer ${info.apiKey}` },
    }).then((r) => r.json() as Promise<{ taxId: string }>);
    const xml = file('factura.xsig').toString('utf8');
    const [seller, buyer] = [...xml.matchAll(/<TaxIdentificationNumber>([^<]+)</g)].map(
      (m) => m[1],
    );
    expect(seller).toBe(tenant.taxId);
    expect(buyer).not.toBe(tenant.taxId);
  });

  it('leaves a draft preview, the signed Facturae and the issued PDF', () => {
    expect(file('borrador.pdf').subarray(0, 5).toString()).toBe('%PDF-');
    expect(file('factura.pdf').subarray(0, 5).toString()).toBe('%PDF-');
    const xml = file('factura.xsig').toString('utf8');
    expect(xml).toContain('<ds:Signature');
    expect(xml).toContain('Revisión anual de caldera');
  });

  it("delivers the mail to the customer's address, with both documents", async () => {
    const store = (await (await fetch(`${info.mailUrl}/store`)).json()) as {
      emails: { destination: { to: string[] }; attachments?: { filename: string }[] }[];
    };
    const sent = store.emails.filter((m) =>
      m.destination.to.some((to) => to.includes('facturas@mediterraneo.example')),
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]!.attachments?.map((a) => a.filename.split('.').pop()).sort()).toEqual([
      'pdf',
      'xsig',
    ]);
  });
});
