import type { Access } from '@sello/contracts';

/** The part of a RouteDef / TriggeredDef that shapes a function. */
export interface FunctionDef {
  id: string;
  entry: string;
  access: readonly Access[];
  timeoutSeconds?: number;
  memoryMb?: number;
  /** Triggered functions it invokes (see RouteDef.invokes). */
  invokes?: readonly string[];
}
