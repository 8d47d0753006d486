import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { type components, unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { FieldGroup, TextInput } from '../../ui/fields.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { SETTINGS, useSeries } from './queries.ts';
import { Section } from './widgets.tsx';

type Centre = components['schemas']['Centre'];

const FIELDS = [
  'name',
  'address.line1',
  'address.line2',
  'address.postalCode',
  'address.city',
  'address.province',
  'address.country',
  'series',
] as const;

/** The centres (shared with the claims area's forms, which read `['centres']`). */
function useCentres() {
  const api = useApi();
  return useQuery({
    queryKey: ['centres'],
    queryFn: async () =>
      unwrap(await api.GET('/v1/centres', { params: { query: { limit: 200 } } })).items,
  });
}

/** The series a centre may use, the browser's own select (none: the tenant's default). */
function SeriesSelect({ value, error }: { value: string | undefined; error: string | undefined }) {
  const { t } = useTranslation();
  const series = useSeries();
  const id = useId();
  if (!series.data) return null;
  return (
    <div className="field">
      <label className="react-aria-Label" htmlFor={id}>
        {t('settings.centres.series')} <span className="optional">{t('form.optional')}</span>
      </label>
      <select
        id={id}
        name="series"
        className="input native-select"
        defaultValue={value ?? ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
      >
        <option value="">{t('settings.centres.defaultSeries')}</option>
        {series.data.items
          .filter((s) => s.kind === 'standard')
          .map((s) => (
            <option key={s.code} value={s.code}>
              {s.code}
            </option>
          ))}
      </select>
      <span id={`${id}-hint`} className="react-aria-Text">
        {t('settings.centres.seriesHint')}
      </span>
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** A centre's form: a new one (POST) or one edited (PATCH, an emptied series removed). */
function CentreForm({
  centre,
  onSaved,
  onCancel,
}: {
  centre?: Centre;
  onSaved: (name: string) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const form = useApiForm({
    schema: {
      load: async () =>
        centre
          ? (await import('./schemas.ts')).CentrePatch
          : (await import('./schemas.ts')).CentreInput,
    },
    fields: FIELDS,
    ...(centre ? { clearable: ['series'] } : {}),
    submit: async (body) => {
      const saved = centre
        ? unwrap(
            await api.PATCH('/v1/centres/{id}', {
              params: { path: { id: centre.id } },
              body: body as never,
            }),
          )
        : unwrap(await api.POST('/v1/centres', { body: body as never }));
      await queries.invalidateQueries({ queryKey: ['centres'] });
      await queries.invalidateQueries({ queryKey: SETTINGS });
      onSaved(saved.name);
    },
  });
  const a = centre?.address;
  return (
    <ApiForm form={form}>
      <TextInput
        name="name"
        label={t('settings.centres.name')}
        isRequired
        defaultValue={centre?.name}
      />
      <FieldGroup legend={t('settings.centres.address')}>
        <TextInput
          name="address.line1"
          label={t('settings.centres.line1')}
          isRequired
          defaultValue={a?.line1}
        />
        <TextInput
          name="address.line2"
          label={t('settings.centres.line2')}
          defaultValue={a?.line2}
        />
        <div className="field-row">
          <TextInput
            name="address.postalCode"
            label={t('settings.centres.postalCode')}
            isRequired
            defaultValue={a?.postalCode}
            className="short"
          />
          <TextInput
            name="address.city"
            label={t('settings.centres.city')}
            isRequired
            defaultValue={a?.city}
          />
        </div>
        <div className="field-row">
          <TextInput
            name="address.province"
            label={t('settings.centres.province')}
            defaultValue={a?.province}
          />
          <TextInput
            name="address.country"
            label={t('settings.centres.country')}
            isRequired
            defaultValue={a?.country ?? 'ES'}
            className="short"
          />
        </div>
      </FieldGroup>
      <SeriesSelect value={centre?.series} error={form.errors.series} />
      <div className="form-actions">
        <Button type="submit" className="button primary" isPending={form.pending}>
          {form.pending
            ? t('form.saving')
            : centre
              ? t('settings.centres.save')
              : t('settings.centres.create')}
        </Button>
        {onCancel ? (
          <Button className="button secondary" onPress={onCancel}>
            {t('settings.cancel')}
          </Button>
        ) : null}
      </div>
    </ApiForm>
  );
}

/** The tenant's work centres: each with its address and series, added and edited here. */
export function CentresSection() {
  const { t } = useTranslation();
  const list = useCentres();
  const canCreate = useCan('POST /v1/centres');
  const canEdit = useCan('PATCH /v1/centres/{id}');
  const [editing, setEditing] = useState<string>();
  const [notice, setNotice] = useState('');
  const centres = list.data ?? [];
  const editedCentre = centres.find((c) => c.id === editing);
  return (
    <Section title={t('settings.section.centres')} intro={t('settings.centres.intro')}>
      <p className="notice" role="status">
        {notice}
      </p>
      <QueryState
        query={list}
        isEmpty={() => centres.length === 0}
        empty={t('settings.centres.empty')}
      >
        {() => (
          <table className="table centres-table">
            <caption className="visually-hidden">{t('settings.section.centres')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('settings.centres.name')}</th>
                <th scope="col" className="wide-only">
                  {t('settings.centres.address')}
                </th>
                <th scope="col">{t('settings.centres.series')}</th>
                {canEdit ? (
                  <th scope="col">
                    <span className="visually-hidden">{t('settings.centres.actions')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {centres.map((c) => (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  <td className="wide-only">
                    {c.address.line1}, {c.address.postalCode} {c.address.city}
                  </td>
                  <td className="mono">{c.series ?? '—'}</td>
                  {canEdit ? (
                    <td>
                      <Button
                        className="button secondary compact"
                        aria-label={t('settings.centres.editNamed', { name: c.name })}
                        onPress={() => setEditing(c.id)}
                      >
                        {t('settings.centres.edit')}
                      </Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
      {editedCentre ? (
        <section className="card" aria-labelledby="edit-centre">
          <h3 id="edit-centre">{t('settings.centres.editNamed', { name: editedCentre.name })}</h3>
          <CentreForm
            key={editedCentre.id}
            centre={editedCentre}
            onSaved={(name) => {
              setEditing(undefined);
              setNotice(t('settings.centres.saved', { name }));
            }}
            onCancel={() => setEditing(undefined)}
          />
        </section>
      ) : canCreate ? (
        <section className="card" aria-labelledby="new-centre">
          <h3 id="new-centre">{t('settings.centres.new')}</h3>
          <CentreForm
            key={centres.length}
            onSaved={(name) => setNotice(t('settings.centres.created', { name }))}
          />
        </section>
      ) : null}
    </Section>
  );
}
