import { useTranslation } from 'react-i18next';
import { formatDate } from '../../i18n/format.ts';
import { isLanguage } from '../../i18n/language.ts';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { useTenant } from './queries.ts';
import { Details, Section } from './widgets.tsx';

/**
 * The issuer's own data as invoices print it. The API reads it (`GET /v1/tenant`) but has no
 * route to change it yet, so this section only shows it.
 */
export function CompanySection() {
  const { t, i18n } = useTranslation();
  const tenant = useTenant();
  const language = isLanguage(i18n.language) ? i18n.language : 'es';
  const c = (key: string) => t(`settings.company.${key}` as 'settings.company.name');
  return (
    <Section title={t('settings.section.company')} intro={c('intro')}>
      {tenant.isPending ? (
        <Loading />
      ) : tenant.isError ? (
        <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} />
      ) : (
        <div className="card">
          <Details
            rows={[
              [c('name'), tenant.data.name],
              [
                c('taxId'),
                <span key="taxId" className="mono">
                  {tenant.data.taxId}
                </span>,
              ],
              [c('email'), tenant.data.email],
              [
                c('address'),
                [
                  tenant.data.address.line1,
                  tenant.data.address.line2,
                  `${tenant.data.address.postalCode} ${tenant.data.address.city}`,
                  tenant.data.address.province,
                  tenant.data.address.country,
                ]
                  .filter(Boolean)
                  .join(', '),
              ],
              [c('language'), t(`language.${tenant.data.language}`)],
              [c('timezone'), tenant.data.timezone],
              [c('createdAt'), formatDate(tenant.data.createdAt, language)],
            ]}
          />
          <p className="settings-note">{c('unchangeable')}</p>
        </div>
      )}
    </Section>
  );
}
