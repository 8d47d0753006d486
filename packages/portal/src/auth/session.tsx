import { createContext, type ReactNode, useContext, useEffect, useSyncExternalStore } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { type Api, unwrap } from '../api/index.ts';
import type { Operation } from '../api/roles.ts';
import { Loading } from '../ui/states.tsx';
import { can } from './can.ts';
import type { SignedIn } from './contract.ts';
import type { AuthCalls, Session, SessionStore } from './store.ts';

const SessionContext = createContext<SessionStore | null>(null);

export function SessionProvider({ store, children }: { store: SessionStore; children: ReactNode }) {
  useEffect(() => void store.start(), [store]);
  return <SessionContext.Provider value={store}>{children}</SessionContext.Provider>;
}

/** The current session and what can be done with it. */
export function useSession(): { session: Session; actions: SessionStore } {
  const store = useContext(SessionContext);
  if (!store) throw new Error('useSession outside SessionProvider');
  const session = useSyncExternalStore(store.subscribe, store.get);
  return { session, actions: store };
}

/**
 * The pages a registered recipient has: its inbox and its movements as a customer (its token
 * opens nothing else of a tenant).
 */
const RECIPIENT_PAGES = /^\/(inbox|movements)(\/|$)/;

/**
 * Route element for pages that need someone signed in: the sign-in page otherwise. A registered
 * recipient is taken to its inbox from any staff page (the home page after signing in, too).
 */
export function RequireSession() {
  const { session } = useSession();
  const location = useLocation();
  if (session.status === 'checking') return <Loading />;
  if (session.status === 'signedOut') {
    const next = `${location.pathname}${location.search}`;
    const params = new URLSearchParams({ next });
    if (session.expired) params.set('expired', '1');
    return <Navigate to={`/sign-in?${params}`} replace />;
  }
  if (session.status === 'recipient' && !RECIPIENT_PAGES.test(location.pathname)) {
    return <Navigate to="/inbox" replace />;
  }
  return <Outlet />;
}

/** The sign-in contract's calls through the portal's API client. */
export function authCalls(api: Api): AuthCalls {
  return {
    signIn: async (body) => unwrap(await api.POST('/v1/auth/sign-in', { body })) as SignedIn,
    async refresh() {
      const result = await api.POST('/v1/auth/refresh', {});
      return result.response.ok ? (result.data as SignedIn) : undefined;
    },
    async signOut() {
      await api.POST('/v1/auth/sign-out', {});
    },
  };
}

/** Whether the signed-in person may call an operation: hide the action when not. */
export function useCan(operation: Operation): boolean {
  const { session } = useSession();
  return can(session, operation);
}
