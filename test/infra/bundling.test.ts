import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFunctions, FUNCTIONS_PER_RUN, FunctionBundles } from '../../infra/bundling.ts';
import type { Resource } from './support.ts';

/**
 * The shared bundling on tiny entries, so it runs in a moment: more functions than one esbuild run
 * takes, each of which must end up with its own bundle. (`synth.test.ts` checks the real app.)
 */
describe('function bundling', () => {
  let root: string;
  const ids = Array.from({ length: FUNCTIONS_PER_RUN + 5 }, (_, i) => `probe${i}`);
  const entries = ids.map((id) => ({ id, entry: `functions/${id}.ts` }));

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'sello-bundling-'));
    await mkdir(path.join(root, 'functions'));
    await writeFile(
      path.join(root, 'functions', 'shared.ts'),
      "export const tag = (id: string) => 'marker-' + id;\n",
    );
    for (const id of ids) {
      await writeFile(
        path.join(root, 'functions', `${id}.ts`),
        `import { tag } from './shared.ts';\nexport const handler = async () => tag('${id}');\n`,
      );
    }
  });

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  /** The bundle's code holds its own entry's marker and no other function's. */
  const expectOwnCode = (code: string, id: string) => {
    expect(code.startsWith('import { createRequire as __selloCreateRequire }'), id).toBe(true);
    expect(code, id).toMatch(/export\s*\{[^}]*\bas handler\b|export\s*\{[^}]*\bhandler\b/);
    expect(code, id).toContain(`"${id}"`);
    const others = ids.filter((other) => other !== id && code.includes(`"${other}"`));
    expect(others, id).toEqual([]);
  };

  it('gives every function of a CDK app its own asset: index.mjs and its map', async () => {
    const outdir = path.join(root, 'cdk.out');
    // The CLI's default, which puts the asset folder in each function's metadata.
    const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
    const stack = new Stack(app, 'Probe');
    const bundles = FunctionBundles.of(app);
    for (const entry of entries) bundles.add(entry, root);
    for (const { id } of entries) {
      new lambda.Function(stack, id, {
        code: FunctionBundles.of(stack).code(id),
        handler: 'index.handler',
        runtime: lambda.Runtime.NODEJS_22_X,
        description: id,
      });
    }
    app.synth();

    const template = JSON.parse(
      await readFile(path.join(outdir, 'Probe.template.json'), 'utf8'),
    ) as { Resources: Record<string, Resource & { Metadata: Record<string, string> }> };
    const functions = Object.entries(template.Resources).filter(
      ([, r]) => r.Type === 'AWS::Lambda::Function',
    );
    expect(functions).toHaveLength(ids.length);
    const assets = new Set<string>();
    for (const [, fn] of functions) {
      const id = fn.Properties.Description as string;
      const asset = fn.Metadata['aws:asset:path'];
      expect(asset, id).toMatch(/^asset\./);
      assets.add(asset!);
      const dir = path.join(outdir, asset!);
      expect((await readdir(dir)).sort()).toEqual(['index.mjs', 'index.mjs.map']);
      expectOwnCode(await readFile(path.join(dir, 'index.mjs'), 'utf8'), id);
    }
    expect(assets.size).toBe(ids.length);
    // Every bundle was taken by its asset: nothing is left next to them.
    expect((await readdir(outdir)).filter((f) => !/^asset\.|\.json$|^cdk\.out$/.test(f))).toEqual(
      [],
    );
  });

  it('bundles nothing for a stack whose bundling CDK skips', async () => {
    const outdir = path.join(root, 'skipped.out');
    const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Probe');
    const bundles = FunctionBundles.of(app);
    for (const entry of entries) bundles.add(entry, root);
    new lambda.Function(stack, 'fn', {
      code: bundles.code(ids[0]!),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_22_X,
    });
    app.synth();
    expect((await readdir(outdir)).filter((f) => !f.endsWith('.json') && f !== 'cdk.out')).toEqual(
      [],
    );
  });

  it('bundles for the bench the same way, with one metafile of all bundles', async () => {
    const outdir = path.join(root, 'bench');
    const metafile = await bundleFunctions(entries, root, outdir);
    for (const id of ids) {
      const file = path.join(outdir, id, 'index.mjs');
      expect((await readdir(path.dirname(file))).sort()).toEqual(['index.mjs', 'index.mjs.map']);
      expectOwnCode(await readFile(file, 'utf8'), id);
      expect(metafile.outputs[path.relative(root, file)]?.entryPoint).toBe(`functions/${id}.ts`);
    }
  });
});
