import type { ParseKeys } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { Button, RouterProvider } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import {
  NavLink,
  Outlet,
  Link as RouterLink,
  useHref,
  useLocation,
  useNavigate,
  useNavigation,
} from 'react-router';
import type { Operation } from '../api/roles.ts';
import { can, useSession } from '../auth/index.ts';
import { developerTools } from '../config.ts';
import { isLanguage, rememberLanguage } from '../i18n/index.ts';
import { LanguageSelect } from './language-select.tsx';

/** `?lang=` works on any URL, also after a client-side navigation. */
function useLanguageFromUrl() {
  const { search } = useLocation();
  useEffect(() => {
    const asked = new URLSearchParams(search).get('lang');
    if (isLanguage(asked)) rememberLanguage(asked);
  }, [search]);
}

/** After a navigation, focus moves to the new page's title (not on the first load). */
function useFocusOnNavigation() {
  const { pathname } = useLocation();
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    document.querySelector<HTMLElement>('[data-page-title]')?.focus();
  }, [pathname]);
}

function Account() {
  const { t } = useTranslation();
  const { session, actions } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  if (session.status === 'checking') return null;
  if (session.status === 'signedOut')
    // On the sign-in page its form is the way in: no second "sign in" beside it.
    return pathname === '/sign-in' ? null : (
      <RouterLink className="button secondary compact" to="/sign-in">
        {t('shell.signIn')}
      </RouterLink>
    );
  const who =
    session.status === 'apiKey'
      ? t('shell.apiKeySession')
      : t('shell.signedInAs', { email: session.user.email });
  return (
    <div className="account">
      {session.status === 'staff' ? (
        <RouterLink className="who" to="/profile">
          {who}
        </RouterLink>
      ) : (
        <span className="who">{who}</span>
      )}
      <Button
        className="button secondary compact"
        onPress={async () => {
          await actions.signOut();
          navigate('/sign-in');
        }}
      >
        {t('shell.signOut')}
      </Button>
    </div>
  );
}

/** The staff's areas, each shown to the roles that may read it. */
const STAFF_NAV: { to: string; label: ParseKeys; operation?: Operation }[] = [
  { to: '/', label: 'shell.home' },
  { to: '/invoices', label: 'shell.nav.invoices', operation: 'GET /v1/invoices' },
  { to: '/customers', label: 'shell.customers', operation: 'GET /v1/customers' },
  { to: '/deposits', label: 'shell.nav.deposits', operation: 'GET /v1/deposits' },
  { to: '/claims', label: 'shell.nav.claims', operation: 'GET /v1/claims' },
  { to: '/tickets', label: 'shell.nav.tickets', operation: 'GET /v1/tickets' },
  {
    to: '/change-requests',
    label: 'shell.nav.changeRequests',
    operation: 'GET /v1/change-requests',
  },
  { to: '/catalog', label: 'shell.nav.catalog', operation: 'GET /v1/products' },
  { to: '/tasks', label: 'shell.nav.tasks', operation: 'GET /v1/tasks' },
  { to: '/work-orders', label: 'shell.nav.workOrders', operation: 'GET /v1/work-orders' },
  { to: '/settings', label: 'shell.nav.settings', operation: 'GET /v1/settings' },
  { to: '/users', label: 'shell.nav.users', operation: 'GET /v1/users' },
];

/**
 * The frame of every page: skip link, brand, main navigation, language and account, and the
 * page itself in `<main>`. New areas add their entry to `NAV`.
 */
export function Shell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { session } = useSession();
  const busy = useNavigation().state !== 'idle';
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useLanguageFromUrl();
  useFocusOnNavigation();
  // On a narrow screen the menu folds away again once it took you somewhere.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each new path on purpose
  useEffect(() => setMenuOpen(false), [pathname]);
  const signedIn = session.status === 'staff' || session.status === 'apiKey';
  const nav = [
    // A registered recipient has its inbox, and its movements with the tenants it buys from.
    ...(session.status === 'recipient'
      ? [
          { to: '/inbox', label: t('shell.nav.inbox'), end: false },
          { to: '/movements', label: t('shell.nav.movements'), end: false },
        ]
      : []),
    ...(signedIn
      ? STAFF_NAV.filter((item) => !item.operation || can(session, item.operation)).map((item) => ({
          to: item.to,
          label: t(item.label),
          end: item.to === '/',
        }))
      : []),
    ...(developerTools ? [{ to: '/developer', label: t('shell.developer'), end: false }] : []),
  ];
  return (
    // React Aria's links and buttons with `href` navigate through React Router.
    <RouterProvider navigate={(to, options) => navigate(to, options)} useHref={useHref}>
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="app-header">
        <RouterLink to="/" className="brand">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span>{t('app.name')}</span>
        </RouterLink>
        {nav.length > 0 ? (
          <Button
            className="button secondary compact nav-toggle"
            aria-expanded={menuOpen}
            aria-controls="app-nav"
            onPress={() => setMenuOpen((open) => !open)}
          >
            {t('shell.menu')}
          </Button>
        ) : null}
        {nav.length > 0 ? (
          <nav
            id="app-nav"
            aria-label={t('shell.navigation')}
            className={menuOpen ? 'app-nav open' : 'app-nav'}
          >
            <ul>
              {nav.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <div className="header-tools">
          <LanguageSelect />
          <Account />
        </div>
      </header>
      <div className={busy ? 'route-progress busy' : 'route-progress'} aria-hidden="true" />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </RouterProvider>
  );
}
