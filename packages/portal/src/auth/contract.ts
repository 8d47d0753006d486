/**
 * The sign-in contract as the route table gives it (`/v1/auth/*`, one for staff and registered
 * recipients: `user.kind` tells them apart): the form's schema is the API's own, the answers are
 * the generated OpenAPI types.
 */
import { SignInInput } from '@sello/contracts';
import type * as z from 'zod';
import type { components } from '../api/schema';

export { SignInInput };
/** What the sign-in form sends. */
export type SignInFields = z.infer<typeof SignInInput>;

/** `{accessToken, expiresIn, user}`; the refresh token travels only in the HttpOnly cookie. */
export type SignedIn = components['schemas']['SignedIn'];
/** The principal the portal shows: who signed in, for which tenant, with which role. */
export type StaffUser = components['schemas']['StaffUser'];
/** A registered recipient signed in: reads the inbox of its tax id, no tenant. */
export type RecipientUser = components['schemas']['RecipientUser'];
export type StaffRole = components['schemas']['StaffRole'];
