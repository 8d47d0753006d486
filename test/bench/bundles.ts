import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
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
  metafile: Metafile;
}

// Same banner as infra/constructs/api-function.ts (not exported there): ESM bundles have no
// `require`, yet bundled CommonJS dependencies still call it.
const ESM_REQUIRE_BANNER =
  "import { createRequire as __selloCreateRequire } from 'node:module';" +
  'const require = __selloCreateRequire(import.meta.url);';

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
 * Bundles every entry with the options the CDK stack gives NodejsFunction (ESM, node22, minified,
 * AWS SDK bundled, linked source map without sources), so sizes match what gets deployed.
 */
export async function bundleAll(
  entries: readonly Entry[],
  repoRoot: string,
  outDir: string,
): Promise<Bundle[]> {
  // allSettled: a failure must not leave other builds writing into a directory being removed.
  const settled = await Promise.allSettled(
    entries.map(async ({ id, entry }) => {
      const file = join(outDir, id, 'index.mjs');
      const result = await build({
        absWorkingDir: repoRoot,
        entryPoints: [join(repoRoot, entry)],
        outfile: file,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: { js: ESM_REQUIRE_BANNER },
        minify: true,
        sourcemap: true,
        sourcesContent: false,
        external: [],
        metafile: true,
        logLevel: 'warning',
      });
      return {
        id,
        entry,
        file,
        bytes: statSync(file).size,
        packages: packageShares(result.metafile, file, repoRoot),
        metafile: result.metafile,
      };
    }),
  );
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<Bundle>).value);
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
