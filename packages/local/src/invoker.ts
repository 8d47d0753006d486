import { useInvoker } from '@sello/app/platform';
import { FunctionFailedError, type FunctionInvoker } from '@sello/aws';
import { type RouteDef, routeList, type TriggeredDef, triggeredList } from '@sello/contracts';
import { lambdaContext } from './apigw.ts';
import { loadHandler, runningEntry } from './handlers.ts';

/** Lambda events and results are JSON: whatever would not survive that must fail here too. */
const viaJson = <T>(value: unknown): T =>
  value === undefined ? (undefined as T) : (JSON.parse(JSON.stringify(value)) as T);

export interface LocalInvokerOptions {
  /** What a failed background run is reported to. */
  log: (line: string, error: unknown) => void;
  /**
   * Background runs at a time; the rest wait their turn, in order. In AWS they run in containers
   * of their own, beside the API's; here they share its event loop, so under load they are kept
   * from crowding out the requests (they catch up when the load eases). Default 2.
   */
  backgroundConcurrency?: number;
  /** The tables the entries come from (tests pass their own). */
  routes?: readonly RouteDef[];
  triggered?: readonly TriggeredDef[];
}

export interface BackgroundFailure {
  id: string;
  error: unknown;
}

/**
 * Triggered functions run in this process, the way Lambda would run them: a hand-over starts the
 * handler in the background and returns at once (as an `Event` invoke is accepted), a call waits
 * for its result; events and results go through JSON. As IAM does in AWS, an entry may invoke
 * only what its `invokes` declares. Background failures are logged and kept for `settled()`.
 */
export class LocalInvoker implements FunctionInvoker {
  private readonly pending = new Set<Promise<void>>();
  private failures: BackgroundFailure[] = [];
  private held: Array<() => void> | undefined;
  /** Background runs waiting for a slot, and how many run now. */
  private readonly waiting: Array<() => void> = [];
  private active = 0;
  private readonly routes: readonly RouteDef[];
  private readonly triggered: readonly TriggeredDef[];

  constructor(private readonly options: LocalInvokerOptions) {
    this.routes = options.routes ?? routeList;
    this.triggered = options.triggered ?? triggeredList;
  }

  async handOver(id: string, payload: unknown): Promise<void> {
    const def = this.target(id);
    const event = viaJson(payload);
    const job = (async () => {
      // Never inside the caller's turn: the request answers first, as with Lambda.
      await new Promise<void>((resolve) =>
        this.held ? this.held.push(resolve) : setImmediate(resolve),
      );
      await this.slot();
      try {
        await this.run(def, event);
      } finally {
        this.freeSlot();
      }
    })()
      .catch((error: unknown) => {
        this.failures.push({ id, error });
        this.options.log(`${id} failed in the background`, error);
      })
      .finally(() => this.pending.delete(job));
    this.pending.add(job);
  }

  async call<T>(id: string, payload: unknown): Promise<T> {
    const def = this.target(id);
    try {
      return viaJson<T>(await this.run(def, viaJson(payload)));
    } catch (error) {
      // What a caller in AWS sees of the callee's error: its name and message.
      const e = error instanceof Error ? error : new Error(String(error));
      throw new FunctionFailedError(id, e.name, e.message);
    }
  }

  /** Runs a schedule target (the local scheduler loop), as EventBridge Scheduler invokes it. */
  async runScheduled(id: string, event: unknown): Promise<void> {
    const def = this.triggered.find((t) => t.id === id);
    if (!def) throw new Error(`No triggered function ${id}`);
    // The scheduler role may invoke only these (see infra/constructs/triggered-functions.ts).
    if (def.trigger.kind !== 'schedule' && def.trigger.kind !== 'schedules') {
      throw new Error(`${id} is not a schedule target (trigger ${def.trigger.kind})`);
    }
    await this.run(def, viaJson(event));
  }

  /**
   * Waits until no background run is left (runs may hand over further work) and answers the
   * failures seen since the last call. Release held hand-overs first: they never finish held.
   */
  async settled(): Promise<BackgroundFailure[]> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
    const failures = this.failures;
    this.failures = [];
    return failures;
  }

  /** Keeps hand-overs from starting until `release()`: how a test reads before they ran. */
  hold(): void {
    this.held ??= [];
  }

  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const start of held) start();
  }

  private async slot(): Promise<void> {
    if (this.active < (this.options.backgroundConcurrency ?? 2)) {
      this.active++;
      return;
    }
    // A finishing run hands its slot over directly (see `freeSlot`).
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private freeSlot(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  private target(id: string): TriggeredDef {
    const def = this.triggered.find((t) => t.id === id);
    if (!def) throw new Error(`No triggered function ${id}`);
    const entry = runningEntry();
    if (entry) {
      const caller = [...this.routes, ...this.triggered].find((e) => e.entry === entry);
      if (!caller?.invokes?.includes(id)) {
        // In AWS its role may not invoke it and the ARN is not in its environment.
        throw new Error(
          `${caller?.id ?? entry} may not invoke ${id}: declare it in the entry's \`invokes\``,
        );
      }
    }
    return def;
  }

  private async run(def: TriggeredDef, event: unknown): Promise<unknown> {
    const handler = await loadHandler(def.entry);
    return handler(event, lambdaContext(def.id, def.timeoutSeconds ?? 60));
  }
}

/** Puts a local invoker in place for every handler of this process; the last one installed wins. */
export function installLocalInvoker(options: LocalInvokerOptions): LocalInvoker {
  const invoker = new LocalInvoker(options);
  useInvoker(invoker);
  return invoker;
}
