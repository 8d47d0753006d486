import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PORTAL_CSP } from '@sello/contracts';

const repo = join(import.meta.dirname, '../../..');
const portal = join(repo, 'packages/portal');

/** Where `npm run build:portal` writes the portal, and where `npm start` serves it from. */
export const PORTAL_DIST = join(portal, 'dist');

/** What the bundle is made of: a change to any of these makes `dist` stale. */
const SOURCES = [
  join(portal, 'src'),
  join(portal, 'public'),
  join(portal, 'index.html'),
  join(portal, 'vite.config.ts'),
  join(portal, 'package.json'),
  // The portal bundles the contracts' zod schemas and the core helpers they use.
  join(repo, 'packages/contracts/src'),
  join(repo, 'packages/core/src'),
  join(repo, 'package.json'),
];

/** The newest modification time under `path` (tests excluded: they are not bundled). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name.endsWith('.test.ts')) continue;
    latest = Math.max(latest, newest(join(path, entry.name)));
  }
  return latest;
}

/** True when `dist` is missing or older than a source. */
export function portalIsStale(dist = PORTAL_DIST): boolean {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((source) => newest(source) > built);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Builds the portal when `dist` is missing or stale, so `npm ci && npm start` serves it on a
 * fresh clone and after a pull. Two starts at once (tests run several) build once: the first
 * takes a lock, the others wait for it and find `dist` fresh. The build goes to a folder of its
 * own and replaces `dist` only when complete, so a running server never serves half a build.
 */
export async function ensurePortalBuilt(log: (line: string) => void = () => {}): Promise<void> {
  if (!portalIsStale()) return;
  const lock = join(portal, '.build-lock');
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner = 0;
      let age = 0;
      try {
        age = Date.now() - statSync(lock).mtimeMs;
        owner = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        // Not written yet, or the lock just went away.
      }
      // A lock left by a build that died (or whose owner never wrote its pid) is taken over.
      if ((owner && !alive(owner)) || (!owner && age > 30_000))
        rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline)
        throw new Error(`the portal build holding ${lock} never ended`);
      else await new Promise((r) => setTimeout(r, 250));
      if (!portalIsStale()) return;
    }
  }
  // Folders of builds whose process died (a Ctrl-C mid-build) go first.
  for (const name of readdirSync(portal)) {
    const pid = Number(/^dist-(?:old-)?(\d+)$/.exec(name)?.[1]);
    if (pid && !alive(pid)) rmSync(join(portal, name), { recursive: true, force: true });
  }
  const started = Date.now();
  const out = join(portal, `dist-${process.pid}`);
  try {
    if (!portalIsStale()) return;
    log('building the portal (packages/portal/dist is missing or older than its sources)…');
    const vitePackage = createRequire(import.meta.url).resolve('vite/package.json');
    const vite = join(vitePackage, '..', 'bin', 'vite.js');
    const args = ['build', '--config', join(portal, 'vite.config.ts'), '--outDir', out];
    const output: Buffer[] = [];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [vite, ...args, '--emptyOutDir'], {
        cwd: portal,
        // A production bundle whatever the caller runs under (vitest sets NODE_ENV=test, which
        // would give React's development build).
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (c: Buffer) => output.push(c));
      child.stderr.on('data', (c: Buffer) => output.push(c));
      child.on('error', reject);
      child.on('exit', resolve);
    });
    if (code !== 0)
      throw new Error(`the portal build failed (${code}):\n${Buffer.concat(output).toString()}`);
    const old = join(portal, `dist-old-${process.pid}`);
    if (existsSync(PORTAL_DIST)) renameSync(PORTAL_DIST, old);
    renameSync(out, PORTAL_DIST);
    rmSync(old, { recursive: true, force: true });
    log(`portal built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(lock, { recursive: true, force: true });
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.map']);

interface Cached {
  mtimeMs: number;
  size: number;
  body: Buffer;
  gzip?: Buffer;
  etag: string;
}

/**
 * Serves the built portal for GET and HEAD: files from `dist`, `index.html` for any other path
 * (the portal routes in the browser), hashed assets cached as immutable, the rest revalidated.
 * Answers false for what it does not serve (other methods), so the caller can go on.
 */
export function portalFiles(dist = PORTAL_DIST) {
  const cache = new Map<string, Cached>();
  const read = (file: string): Cached | undefined => {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(file);
    } catch {
      return undefined;
    }
    if (!stat.isFile()) return undefined;
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit;
    const body = readFileSync(file);
    const entry: Cached = {
      mtimeMs: stat.mtimeMs,
      size: stat.size,
      body,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      ...(COMPRESSIBLE.has(extname(file)) && body.length > 512 ? { gzip: gzipSync(body) } : {}),
    };
    cache.set(file, entry);
    return entry;
  };

  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad path');
      return true;
    }
    // Only files inside dist: `..` and the like never leave it.
    const wanted = normalize(join(dist, path));
    const inside = wanted === dist || wanted.startsWith(dist + sep);
    const isAsset = path.startsWith('/assets/');
    let file = inside && !path.endsWith('/') ? wanted : undefined;
    let found = file ? read(file) : undefined;
    if (!found) {
      // A missing hashed asset is an old build's: a 404, never the HTML in its place.
      if (isAsset || extname(path) !== '') {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
        return true;
      }
      file = join(dist, 'index.html');
      found = read(file);
    }
    if (!found || !file) {
      res.writeHead(503, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(
        '<!doctype html><meta charset="utf-8"><title>Sello</title><p>The portal is not built: run <code>npm run build:portal</code> (npm start builds it).</p><p><a href="/local">Local platform</a></p>',
      );
      return true;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string> = {
      'content-type': type,
      'cache-control': isAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag: found.etag,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      ...(type.startsWith('text/html') ? { 'content-security-policy': PORTAL_CSP } : {}),
      ...(found.gzip ? { vary: 'accept-encoding' } : {}),
    };
    if (req.headers['if-none-match'] === found.etag) {
      res.writeHead(304, headers).end();
      return true;
    }
    const gzip = found.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzip ? found.gzip! : found.body;
    res.writeHead(200, {
      ...headers,
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      'content-length': String(body.length),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
