import { existsSync, renameSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { AssetHashType, DockerImage, type ILocalBundling } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { type BuildOptions, build, buildSync, type Metafile } from 'esbuild';

/** A function to bundle: its id (unique in the app) and its entry, relative to the repository. */
export interface FunctionEntry {
  id: string;
  entry: string;
}

// ESM bundles have no `require`; CommonJS dependencies bundled inside still call it.
const ESM_REQUIRE_BANNER =
  "import { createRequire as __selloCreateRequire } from 'node:module';" +
  'const require = __selloCreateRequire(import.meta.url);';

/**
 * How every function is bundled, for CDK and the bench alike: standalone ESM for node22, minified,
 * a linked source map without sources, and the AWS SDK bundled too (pinned versions, and
 * tree-shaking beats the runtime's copy on cold start).
 */
export const FUNCTION_BUILD_OPTIONS = {
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
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
} as const satisfies BuildOptions;

/**
 * Functions per esbuild run. One run bundles each of its entry points into its own standalone
 * bundle (no splitting, so they share nothing) and parses every module once for all of them, but
 * links them all at the same time, so its memory grows with its entry points: the 85 functions in
 * one run peaked esbuild at 3.7-3.9 GB, in runs of 29 at 1.7-2 GB, of 17 (this) at 1-1.4 GB, of 10
 * at 0.8 GB, for about the same CPU (26 s in one run, 30 s in nine: linking, minifying and mapping
 * dominate, parsing again per run costs little). More functions make more runs, not bigger ones.
 */
export const FUNCTIONS_PER_RUN = 20;

/**
 * The esbuild runs that bundle `entries` into `<outdir>/<folderOf(id)>/index.mjs` (and its
 * map), as few as FUNCTIONS_PER_RUN allows and evenly sized.
 */
function runsOf(
  entries: readonly FunctionEntry[],
  repoRoot: string,
  outdir: string,
  folderOf: (id: string) => string,
): BuildOptions[] {
  const folders = new Set<string>();
  const points = entries.map(({ id, entry }): [string, string] => {
    if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`Function id ${id} is not a folder name`);
    const folder = folderOf(id);
    if (folders.has(folder)) throw new Error(`Function id ${id} appears twice`);
    folders.add(folder);
    return [`${folder}/index`, path.join(repoRoot, entry)];
  });
  const size = Math.ceil(points.length / Math.ceil(points.length / FUNCTIONS_PER_RUN));
  const runs: BuildOptions[] = [];
  for (let i = 0; i < points.length; i += size) {
    runs.push({
      ...FUNCTION_BUILD_OPTIONS,
      absWorkingDir: repoRoot,
      entryPoints: Object.fromEntries(points.slice(i, i + size)),
      outdir,
    });
  }
  return runs;
}

/** Bundles each entry into `<outdir>/<folderOf(id)>/` (see FUNCTIONS_PER_RUN), synchronously. */
export function bundleFunctionsSync(
  entries: readonly FunctionEntry[],
  repoRoot: string,
  outdir: string,
  folderOf: (id: string) => string = (id) => id,
): void {
  for (const run of runsOf(entries, repoRoot, outdir, folderOf)) buildSync(run);
}

/**
 * Bundles each entry into `<outdir>/<id>/` (see FUNCTIONS_PER_RUN) and returns esbuild's metafile
 * of all of them (paths relative to `repoRoot`).
 */
export async function bundleFunctions(
  entries: readonly FunctionEntry[],
  repoRoot: string,
  outdir: string,
): Promise<Metafile> {
  const merged: Metafile = { inputs: {}, outputs: {} };
  // One run after another: at the same time they would hold as much memory as one big run.
  for (const run of runsOf(entries, repoRoot, outdir, (id) => id)) {
    const { metafile } = await build({ ...run, metafile: true });
    Object.assign(merged.inputs, metafile.inputs);
    Object.assign(merged.outputs, metafile.outputs);
  }
  return merged;
}

/**
 * The bundles of one CDK app. `buildApp` declares every function up front; the first asset CDK
 * actually stages (none when bundling is off, nor for stacks the CLI skips) bundles them all in a
 * few esbuild runs, and each function's asset then takes its own files.
 */
export class FunctionBundles {
  private static readonly byApp = new WeakMap<IConstruct, FunctionBundles>();

  /** The bundles of the app `scope` belongs to. */
  static of(scope: IConstruct): FunctionBundles {
    const root = scope.node.root;
    let bundles = FunctionBundles.byApp.get(root);
    if (!bundles) {
      bundles = new FunctionBundles();
      FunctionBundles.byApp.set(root, bundles);
    }
    return bundles;
  }

  private repoRoot: string | undefined;
  private readonly entries = new Map<string, FunctionEntry>();
  /** Per assembly directory: the ids bundled there, and those whose files no asset took yet. */
  private readonly outdirs = new Map<string, { built: Set<string>; untaken: Set<string> }>();

  /** Declares a function (again is fine, with the same entry); entries are under `repoRoot`. */
  add(entry: FunctionEntry, repoRoot: string): void {
    if (this.repoRoot !== undefined && this.repoRoot !== repoRoot) {
      throw new Error(`Functions of one app come from two roots: ${this.repoRoot}, ${repoRoot}`);
    }
    this.repoRoot = repoRoot;
    const known = this.entries.get(entry.id);
    if (known && known.entry !== entry.entry) {
      throw new Error(`Function ${entry.id} is declared with two entries`);
    }
    this.entries.set(entry.id, { id: entry.id, entry: entry.entry });
  }

  /** The function's code: its bundle as a CDK asset, hashed by output like NodejsFunction's. */
  code(id: string): lambda.Code {
    if (!this.entries.has(id) || this.repoRoot === undefined) {
      throw new Error(`Function ${id} was not declared before its code was asked for`);
    }
    const local: ILocalBundling & { functionId: string } = {
      // Part of CDK's asset cache key: without it every function would share the first asset.
      functionId: id,
      tryBundle: (outputDir) => {
        this.take(id, outputDir);
        return true;
      },
    };
    // Same source as NodejsFunction (the repository): only fingerprinted by construct path when
    // CDK skips bundling, never read.
    return lambda.Code.fromAsset(this.repoRoot, {
      assetHashType: AssetHashType.OUTPUT,
      bundling: { image: DockerImage.fromRegistry('dummy'), local },
    });
  }

  /**
   * Moves the function's bundle into `outputDir` (CDK's `<assembly>/bundling-temp-…` folder),
   * first bundling every declared function not bundled there yet. They are bundled one level
   * under the assembly directory, as CDK's folder is, so the relative paths in their source maps
   * come out as NodejsFunction's did.
   */
  private take(id: string, outputDir: string): void {
    const outdir = path.dirname(outputDir);
    let state = this.outdirs.get(outdir);
    if (!state) {
      state = { built: new Set(), untaken: new Set() };
      this.outdirs.set(outdir, state);
    }
    if (!state.untaken.has(id)) {
      const { built } = state;
      const todo = [...this.entries.values()].filter((e) => e.id === id || !built.has(e.id));
      this.bundle(todo, outdir);
      for (const e of todo) {
        state.built.add(e.id);
        state.untaken.add(e.id);
      }
    }
    const folder = path.join(outdir, bundleFolder(id));
    for (const file of ['index.mjs', 'index.mjs.map']) {
      renameSync(path.join(folder, file), path.join(outputDir, file));
    }
    rmSync(folder, { recursive: true, force: true });
    state.untaken.delete(id);
  }

  private bundle(entries: readonly FunctionEntry[], outdir: string): void {
    bundleFunctionsSync(entries, this.repoRoot!, outdir, bundleFolder);
    // Stacks the CLI does not bundle (`cdk deploy <stack>`) leave bundles no asset takes.
    const folders = entries.map((e) => path.join(outdir, bundleFolder(e.id)));
    process.once('exit', () => {
      for (const folder of folders) {
        if (existsSync(folder)) rmSync(folder, { recursive: true, force: true });
      }
    });
  }
}

const bundleFolder = (id: string) => `sello-bundle-${id}`;
