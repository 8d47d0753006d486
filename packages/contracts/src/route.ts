import { STAFF_ROLES, type StaffRole } from '@sello/core/staff';
import type * as z from 'zod';

/** Who may call a route. */
export type AuthKind =
  | 'tenant' // the tenant: one of its API keys (ERPs), or a staff member's access token (portal)
  | 'staff' // a staff member's access token only (a person, not a system)
  | 'session' // a registered recipient's session
  | 'inbox' // the tenant (key or staff) reads invoices addressed to its own tax id, a recipient its own
  | 'public'; // no credentials (health, self-invoicing page, registration, signing in)

/** The roles a staff member may hold in its tenant (API keys act for the whole tenant). */
export const ROLES = STAFF_ROLES;
export type Role = StaffRole;

/** Roles that change the tenant's data by default: everyone but technicians and read-only members. */
export const WRITER_ROLES = ['owner', 'admin', 'accountant'] as const satisfies readonly Role[];

/**
 * THE rule of which staff roles may call a route: its own `roles` when it lists them, otherwise
 * every role for reads (GET) and owner, admin and accountant for everything else. The
 * authentication middleware checks it, and the OpenAPI document shows it, from this one function.
 */
export const rolesOf = (route: Pick<RouteDef, 'method' | 'roles'>): readonly Role[] =>
  route.roles ?? (route.method === 'GET' ? ROLES : WRITER_ROLES);

/**
 * AWS access an entry needs. CDK turns each into the narrowest grant; nothing else is granted.
 * Names are `<resource>:<verb>` so a reader sees the blast radius of a function at a glance.
 */
export const ACCESS = [
  'table:read',
  'table:write',
  'artifacts:read',
  'artifacts:write',
  'mail:send',
  'signing:sign',
  'signing:import', // create per-tenant KMS keys and import their key material
  'secrets:encrypt',
  'secrets:decrypt',
  'scheduler:manage',
  // Create, delete and set the password of users in the Cognito user pool (Admin* calls). Signing
  // in, refreshing and revoking tokens are public Cognito calls, and verifying a token reads only
  // the pool's published keys: those need no access.
  'users:manage',
  // Mexico: stamp and cancel CFDI with the stage's PAC (read the secret holding its account).
  'pac:stamp',
] as const;
export type Access = (typeof ACCESS)[number];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

// biome-ignore lint/suspicious/noExplicitAny: schema slots accept any zod type
type AnySchema = z.ZodType<any, any>;

export interface RouteRequest {
  params?: AnySchema;
  query?: AnySchema;
  body?: AnySchema;
  /**
   * A body the handler reads itself (XML documents): its media types for OpenAPI, and the schema
   * of the JSON alternative when `application/json` is one of them.
   */
  rawBody?: { mediaTypes: readonly string[]; description: string; json?: AnySchema };
}

/** A response slot: a JSON schema, or a non-JSON media type (PDF, XML). */
export interface RouteResponse {
  description: string;
  schema?: AnySchema;
  mediaType?: string;
}

export interface RouteDef {
  /** camelCase verb-noun; its kebab-case form names the entry file, the event file and the test. */
  id: string;
  method: HttpMethod;
  /** API Gateway path with `{param}` segments, always under /v1. */
  path: string;
  /** Handler file, relative to the repository root; it exports `handler`. */
  entry: string;
  auth: AuthKind;
  /**
   * Staff roles allowed, when the default of `rolesOf` is wrong for the route. Only meaningful
   * where staff tokens are taken (`tenant`, `staff`, `inbox`); API keys act for the whole tenant.
   */
  roles?: readonly Role[];
  access: readonly Access[];
  summary: string;
  tag: string;
  request?: RouteRequest;
  responses: Record<number, RouteResponse>;
  /** Lambda timeout in seconds (default 10). */
  timeoutSeconds?: number;
  /** Lambda memory in MB (default 512). */
  memoryMb?: number;
  /**
   * Triggered functions (ids) this one invokes: hands work to (asynchronous invoke) or calls and
   * waits for (request-response). CDK grants exactly these and passes their ARNs (see
   * `functionArnEnv`); the local platform refuses an invoke that is not declared here.
   */
  invokes?: readonly string[];
}

/** Build a route while keeping its literal types, so handlers infer their input from the schemas. */
export const defineRoute = <const R extends RouteDef>(route: R): R => route;

/** A function no HTTP route reaches: scheduler targets, queue consumers, operator invocations. */
export interface TriggeredDef {
  id: string;
  entry: string;
  access: readonly Access[];
  summary: string;
  trigger:
    | { kind: 'schedule'; expression: string; timezone: string; input?: Record<string, unknown> }
    | { kind: 'invoke' } // called by an operator or another service, never from the internet
    | { kind: 'schedules' }; // the target of schedules created at run time (automatic tasks)
  timeoutSeconds?: number;
  memoryMb?: number;
  /** Triggered functions (ids) this one invokes, as `RouteDef.invokes`. */
  invokes?: readonly string[];
}

export const defineTriggered = <const T extends TriggeredDef>(t: T): T => t;

/** `createCustomer` -> `create-customer`: the name the entry, the event and the test files carry. */
export const kebab = (id: string): string => id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
