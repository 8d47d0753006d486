import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Metafile } from 'esbuild';
import { bundleFunctions } from '../../infra/bundling.ts';
import { run } from './procs.ts';
import { median } from './stats.ts';

export interface Entry {
  id: string;
  entry: string;
}

export interface PackageShare {
  name: string;
  bytes: number;
}

export interface Bundle extends Entry {
  file: string;
  bytes: number;
  /** Bytes each input package contributes to the minified output, largest first. */
  packages: PackageShare[];
  /** esbuild's metafile of this bundle alone (its output, its map and the inputs it reaches). */
  metafile: Metafile;
}

/** Workspace packages resolve to their real path (packages/x), node_modules ones keep theirs. */
function packageOf(input: string): string {
  const path = input.replace(/^[^:]*:/, ''); // namespaced inputs such as `(disabled):fs`
  const nodeModules = path.lastIndexOf('node_modules/');
  if (nodeModules >= 0) {
    const [first, second] = path.slice(nodeModules + 'node_modules/'.length).split('/');
    return first?.startsWith('@') ? `${first}/${second}` : (first ?? path);
  }
  const workspace = /^packages\/([^/]+)\//.exec(path);
  if (workspace) return `@sello/${workspace[1]}`;
  return path.split('/')[0] ?? path;
}

/** The part of a metafile of many bundles that describes the one written to `outfile`. */
function metafileOf(metafile: Metafile, outfile: string, repoRoot: string): Metafile {
  // Metafile paths are relative to absWorkingDir, the repository root.
  const output = Object.keys(metafile.outputs).find((path) => resolve(repoRoot, path) === outfile);
  if (!output) throw new Error(`${outfile} missing from esbuild's metafile`);
  const outputs: Metafile['outputs'] = {};
  for (const path of [output, `${output}.map`]) {
    const described = metafile.outputs[path];
    if (described) outputs[path] = described;
  }
  // Every module its entry reaches, as a build of this bundle alone would list (tree-shaken too).
  const inputs: Metafile['inputs'] = {};
  const reach = [metafile.outputs[output]!.entryPoint];
  for (let input = reach.pop(); input !== undefined; input = reach.pop()) {
    const described = metafile.inputs[input];
    if (!described || inputs[input]) continue;
    inputs[input] = described;
    for (const { path, external } of described.imports) if (!external) reach.push(path);
  }
  return { inputs, outputs };
}

function packageShares(metafile: Metafile, outfile: string, repoRoot: string): PackageShare[] {
  // Metafile paths are relative to absWorkingDir, the repository root.
  const output = Object.entries(metafile.outputs).find(
    ([path]) => resolve(repoRoot, path) === outfile,
  );
  if (!output) throw new Error(`${outfile} missing from esbuild's metafile`);
  const totals = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output[1].inputs)) {
    const name = packageOf(input);
    totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
  }
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/**
 * Bundles every entry exactly as `cdk synth` does (infra/bundling.ts: same options, several
 * functions per esbuild run), so sizes match what gets deployed.
 */
export async function bundleAll(
  entries: readonly Entry[],
  repoRoot: string,
  outDir: string,
): Promise<Bundle[]> {
  const all = await bundleFunctions(entries, repoRoot, outDir);
  return entries.map(({ id, entry }) => {
    const file = join(outDir, id, 'index.mjs');
    const metafile = metafileOf(all, file, repoRoot);
    return {
      id,
      entry,
      file,
      bytes: statSync(file).size,
      packages: packageShares(metafile, file, repoRoot),
      metafile,
    };
  });
}

/** Plain `node`, no tsx hooks: only the bundle's own import is timed, as in a Lambda cold start. */
const INIT_PROBE = `
const start = performance.now();
const mod = await import(process.argv[1]);
const ms = performance.now() - start;
console.log(JSON.stringify({ ms, handler: typeof mod.handler }));
process.exit(0);
`;

/** What the handler modules read at import; nothing is called, so dummies do. */
const INIT_ENV: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  SELLO_TABLE_NAME: 'bench',
  SELLO_ARTIFACT_BUCKET: 'bench',
  SELLO_MAIL_FROM: 'Sello <bench@sello.local>',
  SELLO_SIGNING_KEY_ID: 'bench',
  SELLO_SECRETS_KEY_ID: 'bench',
  SELLO_SCHEDULER_GROUP: 'bench',
  SELLO_SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/bench',
  SELLO_SCHEDULER_DLQ_ARN: 'arn:aws:sqs:eu-south-2:123456789012:bench',
  AWS_REGION: 'eu-south-2',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  POWERTOOLS_LOG_LEVEL: 'WARN',
};

async function initOnce(file: string, nodeFlags: readonly string[]): Promise<number> {
  const done = await run(
    process.execPath,
    [...nodeFlags, '--input-type=module', '--eval', INIT_PROBE, `file://${file}`],
    { env: INIT_ENV },
  );
  const last = done.stdout.trim().split('\n').at(-1) ?? '';
  if (done.code !== 0 || !last.startsWith('{')) {
    // The tail only: a minified bundle's one-line source excerpt can run to tens of kilobytes.
    throw new Error(
      `importing ${file} failed (${done.code ?? done.signal}):\n${done.stderr.slice(-2000)}`,
    );
  }
  const probe = JSON.parse(last) as { ms: number; handler: string };
  if (probe.handler !== 'function') throw new Error(`${file} does not export handler`);
  return probe.ms;
}

/**
 * Median import time per bundle, each sample a fresh process. Rounds go bundle by bundle and then
 * repeat, so a slow moment on the machine spreads over all bundles instead of hitting one.
 */
export async function measureInit(
  bundles: readonly Bundle[],
  repeats: number,
  nodeFlags: readonly string[] = [],
): Promise<Map<string, { samples: number[]; median: number }>> {
  const samples = new Map<string, number[]>(bundles.map((b) => [b.id, []]));
  for (let round = 0; round < repeats; round++) {
    for (const bundle of bundles)
      samples.get(bundle.id)!.push(await initOnce(bundle.file, nodeFlags));
  }
  return new Map(
    [...samples].map(([id, values]) => [id, { samples: values, median: median(values) }]),
  );
}
