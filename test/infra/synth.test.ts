import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { fallbackRoute, kebab, routeList, triggeredList } from '@sello/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Resource } from './support.ts';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The real thing: `cdk synth` through the CLI and cdk.json, bundling with the local esbuild. */
describe('npx cdk synth', () => {
  let out: string;
  type Template = { Resources: Record<string, Resource & { Metadata?: Record<string, string> }> };
  /** The API stack's and every area's. */
  let templates: Template[];

  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), 'sello-synth-'));
    await run(
      'npx',
      ['cdk', 'synth', '--quiet', '--output', out, '-c', 'stage=ci', '-c', 'region=eu-west-1'],
      {
        cwd: repoRoot,
        env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: '1' },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const files = (await readdir(out)).filter((f) => /^Sello-ci-Api.*\.template\.json$/.test(f));
    templates = await Promise.all(
      files.map(async (f) => JSON.parse(await readFile(path.join(out, f), 'utf8')) as Template),
    );
    // Bundling ~85 functions: well under a minute on two idle cores, several when other work
    // shares them; this only guards against a hang.
  }, 600_000);

  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('writes the stateful stack, the API stack, the portal stack and one stack per area', async () => {
    const files = await readdir(out);
    expect(files).toContain('Sello-ci-Stateful.template.json');
    expect(files).toContain('Sello-ci-Api.template.json');
    expect(files).toContain('Sello-ci-Portal.template.json');
    const areas = new Set([...routeList, ...triggeredList].map((e) => e.entry.split('/')[1]));
    for (const area of areas) expect(files).toContain(`Sello-ci-Api-${area}.template.json`);
  });

  it('bundles every function into an ESM asset with its source map', async () => {
    const entries = [...routeList, fallbackRoute, ...triggeredList];
    const functions = templates.flatMap((template) =>
      Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function'),
    );
    expect(functions.map((f) => f.Properties.FunctionName).sort()).toEqual(
      entries.map((e) => `sello-ci-${kebab(e.id)}`).sort(),
    );
    for (const fn of functions) {
      const asset = fn.Metadata?.['aws:asset:path'];
      expect(asset, fn.Properties.FunctionName).toMatch(/^asset\./);
      const dir = path.join(out, asset ?? '');
      expect((await readdir(dir)).sort()).toEqual(['index.mjs', 'index.mjs.map']);
      const code = await readFile(path.join(dir, 'index.mjs'), 'utf8');
      // The createRequire banner comes first; the handler is an ESM export.
      expect(code.startsWith('import { createRequire as __selloCreateRequire }')).toBe(true);
      expect(code).toMatch(/export\s*\{[^}]*\bas handler\b|export\s*\{[^}]*\bhandler\b/);
    }
  });
});
