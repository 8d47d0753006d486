import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';

/**
 * Cruises `paths` under `baseDir` with the TypeScript compiler's view of imports (type-only
 * imports count: a type from an adapter couples as much as a value) and workspace packages
 * resolved through their `exports`, as Node and esbuild resolve them.
 */
export async function cruiseTree(
  baseDir: string,
  paths: string[],
  forbidden: IForbiddenRuleType[],
): Promise<ICruiseResult> {
  const result = await cruise(
    paths,
    {
      baseDir,
      // Tests count too: a test reaching into another package couples the two as much as code.
      // Built output (the portal's bundle, whose chunks import each other) is no source.
      exclude: { path: 'node_modules|/test/architecture/fixtures/|^packages/portal/dist' },
      doNotFollow: { path: 'node_modules' },
      tsPreCompilationDeps: true,
      validate: true,
      ruleSet: { forbidden },
    },
    {
      exportsFields: ['exports'],
      conditionNames: ['import', 'node', 'default'],
      extensions: ['.ts', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  );
  return result.output as ICruiseResult;
}

/** `packages/<name>`, or the top-level folder, of a module path. */
export const unitOf = (path: string) => /^(packages\/[^/]+|functions|infra)\//.exec(path)?.[1];

/** Cycles in the graph of workspace packages (each cycle as its members, first one repeated). */
export function packageCycles(result: ICruiseResult): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const mod of result.modules) {
    const from = unitOf(mod.source);
    if (!from) continue;
    for (const dep of mod.dependencies) {
      const to = unitOf(dep.resolved);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
    }
  }
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

/** Violations as `rule: from -> to`, for messages a person can act on. */
export const describeViolations = (result: ICruiseResult) =>
  result.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
