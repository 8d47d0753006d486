import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { isLanguage, type Language } from '../../i18n/index.ts';
import { type TicketStatus, useMexican } from './queries.ts';

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : 'es';
}

/** Where a ticket stands, in words (the colour only repeats it). */
export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  // Invoiced reads as done; open and in a global as waiting.
  return (
    <span className={status === 'invoiced' ? 'badge status-issued' : 'badge'}>
      {t(`tickets.status.${status}`)}
    </span>
  );
}

/** A tax id's name as the tenant's country says it: NIF, RFC. */
export function useTaxIdLabel() {
  const { t } = useTranslation();
  const { mexican } = useMexican();
  return mexican ? t('tickets.taxId.mexico') : t('tickets.taxId.spain');
}

/**
 * The area's sections as tabs under the title: the global invoices only for a Mexican tenant
 * (only Mexico has them).
 */
export function TicketsTabs() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { mexican } = useMexican();
  const tabs = [
    { to: '/tickets', label: t('tickets.tabs.tickets') },
    { to: '/tickets/late-requests', label: t('tickets.tabs.lateRequests') },
    ...(mexican ? [{ to: '/tickets/global-invoices', label: t('tickets.tabs.globals') }] : []),
  ];
  return (
    <nav aria-label={t('tickets.sections')} className="tab-list">
      {tabs.map((tab) => {
        const current = pathname === tab.to;
        return (
          <Link
            key={tab.to}
            className="tab"
            to={tab.to}
            aria-current={current ? 'page' : undefined}
            data-selected={current ? '' : undefined}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
