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
  return (
    <Section title={t('settings.section.company')} intro={t('settings.company.intro')}>
      {tenant.isPending ? (
        <Loading />
      ) : tenant.isError ? (
        <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} />
      ) : (
        <div className="card">
          <Details
            rows={[
              [t('settings.company.name'), tenant.data.name],
              [
                t('settings.company.taxId'),
                <span key="taxId" className="mono">
                  {tenant.data.taxId}
                </span>,
              ],
              [t('settings.company.email'), tenant.data.email],
              [
                t('settings.company.address'),
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
              [t('settings.company.language'), t(`language.${tenant.data.language}`)],
              [t('settings.company.timezone'), tenant.data.timezone],
              [t('settings.company.createdAt'), formatDate(tenant.data.createdAt, language)],
            ]}
          />
          <p className="settings-note">{t('settings.company.unchangeable')}</p>
        </div>
      )}
    </Section>
  );
}
