import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { type Platform, startPlatform } from '../../packages/local/src/platform.ts';
import { ensurePortalBuilt } from '../../packages/local/src/portal.ts';
import { freePort } from '../../packages/local/src/services/ports.ts';
import { createCustomer } from './api.ts';
import { median, round } from './stats.ts';

/** Issue 11's figures for the portal. */
export const PORTAL_TARGETS = {
  performance: 90,
  accessibility: 95,
  bestPractices: 95,
  firstLoadKb: 200,
  openInvoiceMs: 300,
} as const;

export interface LighthouseRow {
  page: string;
  path: string;
  formFactor: 'desktop' | 'mobile';
  performance: number;
  accessibility: number;
  bestPractices: number;
  /** Largest contentful paint and total blocking time as Lighthouse measured them. */
  lcpMs: number;
  tbtMs: number;
  /** JavaScript the page downloaded, gzipped as served. */
  firstLoadKb: number;
}

export interface PortalBenchResult {
  invoices: number;
  lighthouse: LighthouseRow[];
  /** Click on an invoice of the list → its number shown as the page's title; each sample. */
  openInvoice: { medianMs: number; samplesMs: number[] };
  missed: string[];
}

export interface PortalBenchOptions {
  /** How many invoices the list must hold (topped up with issued ones when fewer). */
  invoices: number;
  log: (line: string) => void;
  /** Clicks measured from the list to an invoice. */
  opens?: number;
  /** Lighthouse runs per page and form factor; each figure is the median of the runs. */
  runs?: number;
}

const lighthouseDir = resolve(import.meta.dirname, '../../.bench/lighthouse');

/** The pages measured: sign-in (anonymous), the invoice list and the draft editor. */
const PAGES = [
  { page: 'sign-in', path: '/sign-in', signedIn: false },
  { page: 'invoice list', path: '/invoices', signedIn: true },
  { page: 'draft editor', path: '/invoices/new', signedIn: true },
] as const;

const LINES = [
  {
    description: 'Revisión anual',
    quantity: '1',
    unitPrice: '120.00',
    taxes: [{ type: 'IVA', rate: '21' }],
  },
];

/** Makes sure the tenant has `count` invoices, issuing as many as are missing. */
async function topUpInvoices(platform: Platform, count: number, log: (l: string) => void) {
  const { apiUrl, apiKey } = platform.info;
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  let have = 0;
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ limit: '100', ...(cursor ? { cursor } : {}) });
    const page = (await (await fetch(`${apiUrl}/v1/invoices?${query}`, { headers })).json()) as {
      items: unknown[];
      nextCursor?: string;
    };
    have += page.items.length;
    cursor = page.nextCursor;
  } while (cursor && have < count);
  const missing = Math.max(0, count - have);
  if (missing === 0) return;
  log(`portal: issuing ${missing} invoices for the list`);
  const customerId = await createCustomer(apiUrl, apiKey);
  let next = 0;
  const worker = async () => {
    while (next < missing) {
      next += 1;
      const draft = await fetch(`${apiUrl}/v1/invoices`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ customerId, lines: LINES }),
      });
      const { id } = (await draft.json()) as { id: string };
      if (draft.status !== 201) throw new Error(`POST /v1/invoices answered ${draft.status}`);
      const issued = await fetch(`${apiUrl}/v1/invoices/${id}/issue`, { method: 'POST', headers });
      if (issued.status !== 200) throw new Error(`issue answered ${issued.status}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  await platform.settled();
}

async function signIn(page: Page, platform: Platform) {
  const { staffEmail, staffPassword } = platform.info;
  await page.goto('/sign-in');
  await page.getByRole('textbox', { name: 'Correo electrónico' }).fill(staffEmail);
  await page.getByLabel(/^Contraseña/).fill(staffPassword);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

/** Opens invoices from the list `times` times; the time from the click to the invoice's title. */
async function measureOpen(page: Page, times: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    await page.goto('/invoices');
    const link = page
      .getByRole('row')
      .nth(i + 1)
      .getByRole('link')
      .first();
    await link.waitFor();
    const number = (await link.textContent())?.trim() ?? '';
    // Timed in the page: from the click event to the frame whose h1 names the invoice. Strings,
    // because this program has no DOM types.
    await page.evaluate(
      `document.addEventListener('click', () => { window.__clickAt = performance.now(); }, { once: true, capture: true })`,
    );
    await link.click();
    const ms = (await page.evaluate(`new Promise((resolve) => {
      const check = () => {
        const h1 = document.querySelector('h1');
        if (h1 && h1.textContent.includes(${JSON.stringify(number)})) resolve(performance.now() - window.__clickAt);
        else requestAnimationFrame(check);
      };
      check();
    })`)) as number;
    samples.push(round(ms));
  }
  return samples;
}

/**
 * Lighthouse 12 (performance, accessibility, best practices) on the portal `npm start` serves,
 * in Debian's Chromium: what a person downloads and runs, against the local API with its data.
 * Desktop preset (a back-office used at a desk) and the default mobile preset (simulated slow 4G
 * and a 4× slower CPU) for each page; the signed-in pages keep the browser's session (refresh
 * cookie), as a returning user's would.
 */
export async function benchPortal(
  platform: Platform,
  options: PortalBenchOptions,
): Promise<PortalBenchResult> {
  const { log } = options;
  await topUpInvoices(platform, options.invoices, log);
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), 'sello-lighthouse-'));
  let context: BrowserContext | undefined;
  try {
    // The default browser context (a persistent one), so Lighthouse's tab shares the sign-in.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.SELLO_CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      baseURL: platform.info.portalUrl,
      locale: 'es-ES',
      args: [
        `--remote-debugging-port=${port}`,
        '--no-sandbox',
        '--headless=new',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const rows: LighthouseRow[] = [];
    let signedIn = false;
    for (const target of PAGES) {
      if (target.signedIn && !signedIn) {
        await signIn(page, platform);
        signedIn = true;
      }
      for (const formFactor of ['desktop', 'mobile'] as const) {
        const runs: LighthouseRow[] = [];
        for (let run = 0; run < (options.runs ?? 1); run++)
          runs.push(await audit(target, formFactor, platform.info.portalUrl, port, run));
        const mid = (pick: (r: LighthouseRow) => number) => round(median(runs.map(pick)));
        const row: LighthouseRow = {
          page: target.page,
          path: target.path,
          formFactor,
          performance: mid((r) => r.performance),
          accessibility: mid((r) => r.accessibility),
          bestPractices: mid((r) => r.bestPractices),
          lcpMs: mid((r) => r.lcpMs),
          tbtMs: mid((r) => r.tbtMs),
          firstLoadKb: mid((r) => r.firstLoadKb),
        };
        log(
          `portal ${row.page} (${formFactor}${runs.length > 1 ? `, median of ${runs.length}` : ''}): ` +
            `performance ${row.performance}, accessibility ${row.accessibility}, best practices ` +
            `${row.bestPractices}; LCP ${row.lcpMs} ms, TBT ${row.tbtMs} ms, JS ${row.firstLoadKb} KB gzipped` +
            (runs.length > 1 ? ` (performance ${runs.map((r) => r.performance).join(', ')})` : ''),
        );
        rows.push(row);
      }
    }
    const opens = await measureOpen(page, options.opens ?? 7);
    const openInvoice = { medianMs: round(median(opens)), samplesMs: opens };
    log(
      `portal: opening an invoice from the list, median ${openInvoice.medianMs} ms (${opens.join(', ')})`,
    );
    return {
      invoices: options.invoices,
      lighthouse: rows,
      openInvoice,
      missed: missedPortalTargets(rows, openInvoice.medianMs),
    };
  } finally {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** One Lighthouse run of a page; its whole report is kept under .bench/lighthouse/. */
async function audit(
  target: (typeof PAGES)[number],
  formFactor: 'desktop' | 'mobile',
  portalUrl: string,
  port: number,
  run: number,
): Promise<LighthouseRow> {
  const url = new URL(target.path, portalUrl).href;
  const result = await lighthouse(
    url,
    {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
      // Keep the session: the signed-in pages are measured as a returning user sees them.
      disableStorageReset: true,
    },
    formFactor === 'desktop' ? desktopConfig : undefined,
  );
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  // The whole report, to see which audits cost the points.
  mkdirSync(lighthouseDir, { recursive: true });
  writeFileSync(
    join(lighthouseDir, `${target.page.replace(/ /g, '-')}-${formFactor}-${run + 1}.json`),
    JSON.stringify(result.lhr),
  );
  const { categories, audits } = result.lhr;
  const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
  const scripts = (
    (audits['network-requests']?.details as { items?: NetworkItem[] } | undefined)?.items ?? []
  ).filter((r) => r.resourceType === 'Script');
  return {
    page: target.page,
    path: target.path,
    formFactor,
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    lcpMs: round(audits['largest-contentful-paint']?.numericValue ?? 0),
    tbtMs: round(audits['total-blocking-time']?.numericValue ?? 0),
    firstLoadKb: round((await gzippedSize(scripts.map((s) => s.url))) / 1024),
  };
}

interface NetworkItem {
  url: string;
  resourceType?: string;
}

/** The scripts' bodies gzipped, as the server sends them (Lighthouse reports transfer sizes). */
async function gzippedSize(urls: string[]): Promise<number> {
  let total = 0;
  for (const url of new Set(urls)) {
    const body = Buffer.from(await (await fetch(url)).arrayBuffer());
    total += gzipSync(body).length;
  }
  return total;
}

export function missedPortalTargets(rows: LighthouseRow[], openMs: number): string[] {
  const t = PORTAL_TARGETS;
  const missed: string[] = [];
  for (const r of rows) {
    const at = `${r.page} (${r.formFactor})`;
    if (r.performance < t.performance)
      missed.push(`portal ${at}: performance ${r.performance} < ${t.performance}`);
    if (r.accessibility < t.accessibility)
      missed.push(`portal ${at}: accessibility ${r.accessibility} < ${t.accessibility}`);
    if (r.bestPractices < t.bestPractices)
      missed.push(`portal ${at}: best practices ${r.bestPractices} < ${t.bestPractices}`);
    if (r.firstLoadKb > t.firstLoadKb)
      missed.push(`portal ${at}: ${r.firstLoadKb} KB of JavaScript > ${t.firstLoadKb}`);
  }
  if (openMs > t.openInvoiceMs)
    missed.push(`portal: opening an invoice ${openMs} ms > ${t.openInvoiceMs}`);
  return missed;
}

/**
 * `node --import tsx test/bench/portal.ts [invoices] [runs]`: this part alone, on a platform of
 * its own; `runs` Lighthouse runs per page (medians reported). `SELLO_BENCH_PORTAL_DATA=<dir>`
 * keeps the platform's data there, so a second run skips issuing the invoices.
 */
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const say = (line: string) => console.log(`[bench] ${line}`);
  const kept = process.env.SELLO_BENCH_PORTAL_DATA;
  const dir = kept ? resolve(kept) : mkdtempSync(join(tmpdir(), 'sello-bench-portal-'));
  await ensurePortalBuilt();
  const platform = await startPlatform({
    dataDir: join(dir, 'data'),
    port: await freePort(),
    mailPort: await freePort(),
    schedulerIntervalMs: 0,
    log: say,
  });
  try {
    const result = await benchPortal(platform, {
      invoices: Number(process.argv[2] ?? 1000),
      runs: Number(process.argv[3] ?? 1),
      log: say,
    });
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await platform.stop();
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
}
