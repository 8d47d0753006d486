import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

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

export default defineConfig(({ command }) => {
  const api = command === 'serve' ? localApiUrl() : '';
  return {
    root,
    plugins: [react()],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      // Hashed file names under assets/: the local server caches them as immutable.
      assetsDir: 'assets',
      target: 'es2023',
      reportCompressedSize: false,
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
