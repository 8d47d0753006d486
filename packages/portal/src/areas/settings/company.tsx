import { useTranslation } from 'react-i18next';
import { formatDate } from '../../i18n/format.ts';
import { isLanguage } from '../../i18n/language.ts';
import { QueryState } from '../../ui/query-state.tsx';
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
      <QueryState query={tenant}>
        {(company) => (
          <div className="card">
            <Details
              rows={[
                [t('settings.company.name'), company.name],
                [
                  t('settings.company.taxId'),
                  <span key="taxId" className="mono">
                    {company.taxId}
                  </span>,
                ],
                [t('settings.company.email'), company.email],
                [
                  t('settings.company.address'),
                  [
                    company.address.line1,
                    company.address.line2,
                    `${company.address.postalCode} ${company.address.city}`,
                    company.address.province,
                    company.address.country,
                  ]
                    .filter(Boolean)
                    .join(', '),
                ],
                [t('settings.company.language'), t(`language.${company.language}`)],
                [t('settings.company.timezone'), company.timezone],
                [t('settings.company.createdAt'), formatDate(company.createdAt, language)],
              ]}
            />
            <p className="settings-note">{t('settings.company.unchangeable')}</p>
          </div>
        )}
      </QueryState>
    </Section>
  );
}
