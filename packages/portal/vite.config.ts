import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { parseAst } from 'rolldown/parseAst';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;
const repo = join(root, '../..');

/** The running `npm start` (its local.json), for `npm run dev:portal` to proxy the API to. */
function localApiUrl(): string {
  const dataDir = resolve(repo, process.env.SELLO_DATA_DIR ?? '.sello');
  const file = join(dataDir, 'local.json');
  if (!existsSync(file)) {
    console.warn(`[portal] no ${file}: start the platform (npm start) first; using port 3000`);
    return 'http://127.0.0.1:3000';
  }
  return (JSON.parse(readFileSync(file, 'utf8')) as { apiUrl: string }).apiUrl;
}

/**
 * `areas/<area>/messages.ts?lang=ca` (and `i18n/messages/common.ts?lang=ca`): the area's strings
 * in that language only. Each file holds
 * `areaMessages({ es: {…}, ca: {…}, en: {…} })` (one module, so the languages are checked key
 * for key); a page imports the one language it shows (src/routes.tsx), not all three.
 */
function oneLanguageStrings(): Plugin {
  return {
    name: 'sello:one-language-strings',
    enforce: 'pre',
    transform(code, id) {
      const asked =
        /\/(?:areas\/[^/]+\/messages|i18n\/messages\/common)\.ts\?lang=(es|ca|en)$/.exec(id)?.[1];
      if (!asked) return;
      const call = findAreaMessages(parseAst(code, { lang: 'ts' }));
      const keep = call?.properties.find((p) => p.key === asked);
      if (!call || !keep)
        throw new Error(`${id}: expected areaMessages({ es, ca, en }) with ${asked} in it`);
      return {
        code: `${code.slice(0, call.start)}{ ${code.slice(keep.start, keep.end)} }${code.slice(call.end)}`,
        map: null,
      };
    },
  };
}

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

/** The object literal given to `areaMessages(…)`, with its languages' ranges. */
function findAreaMessages(program: unknown) {
  let found: Node | undefined;
  const visit = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    const n = node as Node;
    const callee = n.callee as Node | undefined;
    if (n.type === 'CallExpression' && callee?.name === 'areaMessages') {
      found = (n.arguments as Node[])[0];
      return;
    }
    for (const value of Object.values(n)) visit(value);
  };
  visit(program);
  if (found?.type !== 'ObjectExpression') return undefined;
  return {
    start: found.start,
    end: found.end,
    properties: (found.properties as Node[]).map((p) => ({
      key: (p.key as Node | undefined)?.name,
      start: p.start,
      end: p.end,
    })),
  };
}

export default defineConfig(({ command }) => {
  const api = command === 'serve' ? localApiUrl() : '';
  return {
    root,
    plugins: [react(), oneLanguageStrings()],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      // Hashed file names under assets/: the local server caches them as immutable.
      assetsDir: 'assets',
      target: 'es2023',
      reportCompressedSize: false,
      // No preload lists: Vite would write every lazy page's dependency file names into the
      // first-load chunk (≈2.8 KB gzipped with 125 chunks), over the 200 KB budget. A page's
      // own imports then load after it (one more round trip on a navigation), not with it.
      modulePreload: false,
    },
    server: {
      host: '127.0.0.1',
      strictPort: false,
      proxy: {
        '/v1': { target: api },
        '/local': { target: api },
      },
    },
  };
});
