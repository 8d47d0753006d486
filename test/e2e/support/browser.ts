import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

/** The browser's globals as these checks use them (the test program has no DOM types). */
declare const document: {
  fonts: { ready: Promise<unknown> };
  documentElement: { scrollWidth: number; clientWidth: number };
  querySelectorAll(selector: string): Iterable<{
    tagName: string;
    className: string;
    getBoundingClientRect(): { right: number };
  }>;
};

/** Screenshots of every page at both widths land here (gitignored): look at them. */
export const ARTIFACTS = join(import.meta.dirname, '../artifacts');

/** A desktop and a phone: every page must work at both without scrolling sideways. */
export const WIDTHS = [1280, 375] as const;

/**
 * Debian's Chromium (Playwright's own download is not reachable here), headless. Root needs
 * --no-sandbox; without the background-networking flags Chromium keeps calling Google's hosts,
 * which this machine's closed network refuses.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.SELLO_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--headless=new',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions so far, less those allowed. */
  errors: string[];
  /** Lets the next console error matching `pattern` through (an API 4xx the test provokes). */
  allowConsoleError(pattern: RegExp): void;
  close(): Promise<void>;
}

/** A page in a fresh context of the given width whose console errors fail the test. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  width: number,
): Promise<WatchedPage> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width, height: width < 600 ? 740 : 860 },
    deviceScaleFactor: 1,
    locale: 'es-ES',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const allowed: RegExp[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = `${message.text()} (${message.location().url})`;
    const i = allowed.findIndex((pattern) => pattern.test(text));
    if (i >= 0) allowed.splice(i, 1);
    else errors.push(text);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return {
    page,
    context,
    errors,
    allowConsoleError: (pattern) => allowed.push(pattern),
    close: () => context.close(),
  };
}

/** The browser of one test file and the pages its tests open. */
export interface WatchedBrowser {
  /** A page of the portal at `width`, closed after the test; its console errors fail the test. */
  pageAt(width: number): Promise<WatchedPage>;
  /** The browser itself, once the file's tests run. */
  browser(): Browser;
}

/**
 * Launches the file's browser before its tests and closes it after; every page opened by
 * `pageAt` is closed after each test, whose console errors then fail that test.
 */
export function watchedBrowser(portalUrl: string): WatchedBrowser {
  let browser: Browser | undefined;
  const open: WatchedPage[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    const pages = open.splice(0);
    for (const p of pages) await p.close();
    expect(pages.flatMap((p) => p.errors)).toEqual([]);
  });
  const launched = () => {
    if (!browser) throw new Error('the browser starts in beforeAll: use it inside a test or hook');
    return browser;
  };
  return {
    browser: launched,
    async pageAt(width) {
      const watched = await openPage(launched(), portalUrl, width);
      open.push(watched);
      return watched;
    },
  };
}

/**
 * The checks every page gets: no serious or critical axe violation, nothing wider than the
 * window, and a full-page screenshot named `<name>-<width>.png`.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  const width = page.viewportSize()!.width;
  // Fonts and the layout settle before anything is measured.
  await page.evaluate(() => document.fonts.ready);
  // React Aria's live announcer keeps what it announced (a pressed button's label, by id) for a
  // few seconds after that button may be gone: a transient, visually hidden region, left out.
  const results = await new AxeBuilder({ page }).exclude('[data-live-announcer]').analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  expect(serious, `axe on ${name} at ${width}px`).toEqual([]);

  const overflow = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    widest: [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
  }));
  expect(
    overflow.scrollWidth,
    `${name} at ${width}px scrolls sideways; too wide: ${overflow.widest.join(', ')}`,
  ).toBeLessThanOrEqual(overflow.clientWidth);

  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
}

/**
 * The JavaScript a first visit to `path` downloads until the page is idle, gzipped as the server
 * sends it: the number the portal's size budget is about.
 */
export async function firstLoadJs(
  page: Page,
  path: string,
): Promise<{ bytes: number; files: string[] }> {
  const scripts: Promise<{ url: string; size: number }>[] = [];
  const onResponse = (response: import('playwright-core').Response) => {
    if (response.request().resourceType() !== 'script') return;
    const url = response.url();
    // A body the browser dropped (the page moved on before it was read) is fetched again: the
    // same file, the same bytes.
    const body = response.body().catch(async () => (await page.request.get(url)).body());
    scripts.push(body.then((bytes) => ({ url, size: gzipSync(bytes).length })));
  };
  page.on('response', onResponse);
  await page.goto(path, { waitUntil: 'networkidle' });
  page.off('response', onResponse);
  const loaded = await Promise.all(scripts);
  return {
    bytes: loaded.reduce((sum, s) => sum + s.size, 0),
    files: loaded.map((s) => `${new URL(s.url).pathname} ${(s.size / 1024).toFixed(1)} KB`),
  };
}
