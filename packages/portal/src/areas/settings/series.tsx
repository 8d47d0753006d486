import { SeriesInput } from '@sello/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { translateDynamic } from '../../i18n/dynamic.ts';
import { formatDate } from '../../i18n/format.ts';
import { isLanguage } from '../../i18n/language.ts';
import { ChoiceField } from '../../ui/choice-field.tsx';
import { TextInput } from '../../ui/fields.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { refreshSettings, useSeries } from './queries.ts';
import { CheckField, Section } from './widgets.tsx';

// The boxes always hold a valid value: an error naming them (none expected) goes above the form.
const FIELDS = ['code', 'kind', 'prefix', 'padding'] as const;

function NewSeries({ onCreated }: { onCreated: (code: string) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const [yearlyReset, setYearlyReset] = useState(true);
  const [isDefault, setDefault] = useState(false);
  const form = useApiForm({
    schema: SeriesInput,
    fields: FIELDS,
    // The boxes are read from their state; the digits are a number in the API's body.
    prepare: ({ padding, ...body }) => ({
      ...body,
      ...(padding === undefined ? {} : { padding: Number(padding) }),
      yearlyReset,
      default: isDefault,
    }),
    submit: async (body) => {
      const created = unwrap(await api.POST('/v1/series', { body }));
      await refreshSettings(queries);
      onCreated(created.code);
    },
  });
  return (
    <section className="card" aria-labelledby="new-series">
      <h3 id="new-series">{t('settings.series.new')}</h3>
      <ApiForm form={form}>
        <div className="field-row">
          <TextInput
            name="code"
            label={t('settings.series.code')}
            description={t('settings.series.codeHint')}
            isRequired
            className="short"
          />
          <TextInput
            name="prefix"
            label={t('settings.series.prefix')}
            description={t('settings.series.prefixHint')}
          />
        </div>
        <ChoiceField
          name="kind"
          label={t('settings.series.kind')}
          defaultValue="standard"
          options={[
            { id: 'standard', label: t('settings.series.standard') },
            { id: 'corrective', label: t('settings.series.corrective') },
          ]}
        />
        <TextInput
          name="padding"
          label={t('settings.series.padding')}
          description={t('settings.series.paddingHint')}
          className="short"
        />
        <CheckField
          label={t('settings.series.yearlyReset')}
          isSelected={yearlyReset}
          onChange={setYearlyReset}
        />
        <CheckField
          label={t('settings.series.default')}
          isSelected={isDefault}
          onChange={setDefault}
        />
        <div className="form-actions">
          <Button type="submit" className="button primary" isPending={form.pending}>
            {form.pending ? t('form.saving') : t('settings.series.create')}
          </Button>
        </div>
      </ApiForm>
    </section>
  );
}

export function SeriesSection() {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'es';
  const list = useSeries();
  const canCreate = useCan('POST /v1/series');
  const [created, setCreated] = useState<string>();
  const series = list.data?.items ?? [];
  return (
    <Section title={t('settings.section.series')} intro={t('settings.series.intro')}>
      <p className="notice" role="status">
        {created ? t('settings.series.createdNotice', { code: created }) : ''}
      </p>
      <QueryState
        query={list}
        isEmpty={() => series.length === 0}
        empty={t('settings.series.empty')}
      >
        {() => (
          <table className="table">
            <caption className="visually-hidden">{t('settings.section.series')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('settings.series.code')}</th>
                <th scope="col">{t('settings.series.kind')}</th>
                <th scope="col" className="wide-only">
                  {t('settings.series.prefix')}
                </th>
                <th scope="col" className="wide-only">
                  {t('settings.series.padding')}
                </th>
                <th scope="col" className="wide-only">
                  {t('settings.series.yearlyReset')}
                </th>
                <th scope="col">{t('settings.series.default')}</th>
                <th scope="col" className="wide-only">
                  {t('settings.series.created')}
                </th>
              </tr>
            </thead>
            <tbody>
              {series.map((row) => (
                <tr key={row.code}>
                  <td className="mono">{row.code}</td>
                  <td>{translateDynamic(t, `settings.series.${row.kind}`)}</td>
                  <td className="mono wide-only">{row.prefix}</td>
                  <td className="wide-only">{row.padding}</td>
                  <td className="wide-only">
                    {row.yearlyReset ? t('settings.yes') : t('settings.no')}
                  </td>
                  <td>{row.default ? t('settings.yes') : t('settings.no')}</td>
                  <td className="wide-only">{formatDate(row.createdAt, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
      {canCreate ? <NewSeries onCreated={setCreated} /> : null}
    </Section>
  );
}
