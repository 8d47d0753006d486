import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useDeferredValue, useMemo, useSyncExternalStore } from 'react';
import { I18nProvider } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError, ApiProvider, createApi } from './api/index.ts';
import { authCalls, createSessionStore, SessionProvider, type SessionStore } from './auth/index.ts';
import { developerTools } from './config.ts';
import { isLanguage, LOCALES } from './i18n/index.ts';
import { routes } from './routes.tsx';
import { Loading } from './ui/states.tsx';

/** A 4xx will answer the same again: only a network or server failure is retried. */
const retry = (count: number, error: unknown) =>
  count < 2 && !(error instanceof ApiError && error.status < 500);

/** The portal's long-lived objects, made once: API client, session, query cache, router. */
function compose() {
  let store: SessionStore | undefined;
  const api = createApi({
    authorization: () => store?.authorization(),
    onUnauthorized: () => store?.expired(),
  });
  const session = createSessionStore({
    calls: authCalls(api),
    local: localStorage,
    tab: sessionStorage,
    developerTools,
  });
  store = session;
  // Started before the first render: an anonymous visit knows at once, a returning one asks now.
  void session.start();
  const queries = new QueryClient({
    defaultOptions: { queries: { retry, staleTime: 30_000 }, mutations: { retry: false } },
  });
  // Nothing of one signed-in tenant is shown to whoever signs in next.
  session.subscribe(() => {
    if (session.get().status === 'signedOut') queries.clear();
  });
  return { api, session, queries, router: createBrowserRouter(routes) };
}

/**
 * The pages wait while a returning visitor's session is renewed: the shell's navigation and
 * account, and what the page may show, depend on who it is. Drawn before that, they would
 * shift everything below them once it is known.
 */
function OnceSessionKnown({ store, children }: { store: SessionStore; children: ReactNode }) {
  const checking = useSyncExternalStore(store.subscribe, () => store.get().status === 'checking');
  // Once known, the whole page is drawn in a transition, which React splits into short tasks
  // (a store's change alone would draw it in one long task, unresponsive on a slow phone).
  const stillShown = useDeferredValue(checking);
  return checking || stillShown ? <Loading /> : children;
}

export function App() {
  const { api, session, queries, router } = useMemo(compose, []);
  const { i18n } = useTranslation();
  const locale = isLanguage(i18n.language) ? LOCALES[i18n.language] : LOCALES.es;
  return (
    <I18nProvider locale={locale}>
      <ApiProvider api={api}>
        <SessionProvider store={session}>
          <QueryClientProvider client={queries}>
            <OnceSessionKnown store={session}>
              <RouterProvider router={router} />
            </OnceSessionKnown>
          </QueryClientProvider>
        </SessionProvider>
      </ApiProvider>
    </I18nProvider>
  );
}
