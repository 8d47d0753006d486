/**
 * Who is signed in, behind this one module: the rest of the portal uses `useSession`,
 * `RequireSession` and the `Authorization` the API client gets from the store.
 */

export { can, recipientMay } from './can.ts';
export {
  type RecipientUser,
  type SignedIn,
  SignInInput,
  type StaffRole,
  type StaffUser,
} from './contract.ts';
export { authCalls, RequireSession, SessionProvider, useCan, useSession } from './session.tsx';
export { createSessionStore, type Session, type SessionStore } from './store.ts';
