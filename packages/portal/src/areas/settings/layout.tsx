import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { useSession } from '../../auth/index.ts';
import { Page } from '../../ui/page.tsx';
import { EmptyState } from '../../ui/states.tsx';
import { useTenant } from './queries.ts';
import { SECTIONS, sectionsFor } from './sections.ts';

/** The sections the signed-in role may read, of the tenant's country. */
function useSections() {
  const { session } = useSession();
  const tenant = useTenant();
  return sectionsFor(session, { country: tenant.data?.address.country });
}

/**
 * The settings page: its sub-navigation (one link per section the role may read) beside the
 * section shown, each a sub-route `/settings/<section>`.
 */
export function SettingsLayout() {
  const { t } = useTranslation();
  const sections = useSections();
  const { pathname } = useLocation();
  const current = SECTIONS.find((s) => pathname.split('/')[2] === s.path);
  const title = t('settings.title');
  const section = current ? t(`settings.section.${current.key}`) : undefined;
  // The tab names the section too (this runs after Page's own title, which keeps the h1).
  useEffect(() => {
    if (section) document.title = `${section} · ${title} · ${t('app.name')}`;
  }, [section, title, t]);
  return (
    <Page title={title}>
      <div className="settings-layout">
        <nav aria-label={t('settings.sections')} className="settings-nav">
          <ul>
            {sections.map((s) => (
              <li key={s.path}>
                <NavLink to={`/settings/${s.path}`}>{t(`settings.section.${s.key}`)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="settings-content">
          <Outlet />
        </div>
      </div>
    </Page>
  );
}

/** `/settings` opens the first section the role may read. */
export function SettingsIndex() {
  const { t } = useTranslation();
  const [first] = useSections();
  if (!first) return <EmptyState>{t('settings.readOnly')}</EmptyState>;
  return <Navigate to={`/settings/${first.path}`} replace />;
}
