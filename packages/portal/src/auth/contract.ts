/**
 * Staff sign-in as issue 11's design gives it, until its routes are in the route table:
 * `POST /v1/auth/sign-in {email, password}` → `{accessToken, expiresIn, user}` plus the refresh
 * token in an HttpOnly cookie on `/v1/auth`; `POST /v1/auth/refresh` (the cookie alone) → the
 * same answer; `POST /v1/auth/sign-out` revokes and clears the cookie.
 *
 * The declarations below stand in for what `npm run portal:api` will generate. `ApiPaths` (in
 * ../api/client.ts) prefers the generated paths, so when the routes land the real types take
 * over on their own and the type-check shows any difference; then delete `PendingAuthPaths` and
 * take `SignInInput` from `@sello/contracts`.
 */
import * as z from 'zod';
import type { components } from '../api/schema';

type Problem = components['schemas']['Problem'];

/** The principal the portal shows: who signed in, for which tenant, with which role. */
export interface StaffUser {
  userId: string;
  email: string;
  tenantId: string;
  role: 'owner' | 'admin' | 'accountant' | 'technician' | 'readOnly';
  name?: string;
}

export interface SignedIn {
  accessToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
  user: StaffUser;
}

/** The sign-in form's schema; the API's own will replace it (same fields). */
export const SignInInput = z
  .object({ email: z.email().max(254), password: z.string().min(1).max(256) })
  .strict();
export type SignInInput = z.infer<typeof SignInInput>;

interface NoParameters {
  query?: never;
  header?: never;
  path?: never;
  cookie?: never;
}
type Json<T> = { headers: { [name: string]: unknown }; content: { 'application/json': T } };
type ProblemJson = {
  headers: { [name: string]: unknown };
  content: { 'application/problem+json': Problem };
};
type Post<Body, Ok> = {
  parameters: NoParameters;
  requestBody: Body extends never ? never : { content: { 'application/json': Body } };
  responses: { 200: Ok; 400: ProblemJson; 401: ProblemJson };
};
type PathItem<Op> = {
  parameters: NoParameters;
  get?: never;
  put?: never;
  post: Op;
  delete?: never;
  options?: never;
  head?: never;
  patch?: never;
  trace?: never;
};

export interface PendingAuthPaths {
  '/v1/auth/sign-in': PathItem<Post<SignInInput, Json<SignedIn>>>;
  '/v1/auth/refresh': PathItem<Omit<Post<never, Json<SignedIn>>, 'requestBody'>>;
  '/v1/auth/sign-out': PathItem<
    Omit<Post<never, { headers: { [name: string]: unknown }; content?: never }>, 'requestBody'>
  >;
}
