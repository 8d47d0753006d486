import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/index.ts';
import { ChoiceField } from '../../ui/choice-field.tsx';
import { TextInput } from '../../ui/fields.tsx';
import { Loading } from '../../ui/states.tsx';
import { SettingsForm } from './preferences.tsx';
import { type Series, type Settings, useSeries, useSettings, useTenant } from './queries.ts';
import { selfInvoicingBody } from './self-invoicing-body.ts';
import { CheckField, Details, NativeSelect, Section } from './widgets.tsx';

type SelfInvoicing = NonNullable<Settings['selfInvoicing']>;
type LimitKind = SelfInvoicing['limit']['kind'];
type LinesFrom = 'ticket' | 'concept';

/** The form's fields, by the API's paths (so its problems land on them); `linesFrom` is the page's. */
const FIELDS = [
  'selfInvoicing.enabled',
  'selfInvoicing.companyNumber',
  'selfInvoicing.limit.kind',
  'selfInvoicing.limit.days',
  'selfInvoicing.afterLimit',
  'linesFrom',
  'selfInvoicing.concept.description',
  'selfInvoicing.concept.satProductKey',
  'selfInvoicing.concept.satUnitKey',
  'selfInvoicing.seriesId',
] as const;

/** The public page's address printed on tickets (and reached by the QR). */
const publicLink = (companyNumber: string) =>
  new URL(`/f/${encodeURIComponent(companyNumber)}`, window.location.origin).href;

/** The series a self-invoiced invoice may be numbered in: the ordinary ones (not rectifying). */
function seriesOptions(series: readonly Series[], current: string | undefined) {
  const options = series
    .filter((s) => s.kind === 'standard')
    .map((s) => [s.code, s.prefix ? `${s.code} (${s.prefix})` : s.code] as const);
  // A series chosen once stays shown, even if it is no longer listed.
  if (current && !options.some(([code]) => code === current)) options.push([current, current]);
  return options;
}

/**
 * The section's fields; remounted with each saved version (SettingsForm keys them), so the
 * choices that show or hide others start from what is saved.
 */
function SelfInvoicingFields({
  saved,
  mexico,
  series,
  errors,
}: {
  saved: SelfInvoicing | undefined;
  mexico: boolean;
  series: readonly Series[];
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const canEdit = useCan('PATCH /v1/settings');
  const [enabled, setEnabled] = useState(saved?.enabled ?? false);
  const [kind, setKind] = useState<LimitKind>(saved?.limit.kind ?? 'naturalMonth');
  const [linesFrom, setLinesFrom] = useState<LinesFrom>(saved?.concept ? 'concept' : 'ticket');
  const s = (key: string) => t(`settings.selfInvoicing.${key}` as 'settings.selfInvoicing.intro');
  const savedDays = saved?.limit.kind === 'days' ? String(saved.limit.days) : undefined;
  return (
    <>
      {/* The box is React Aria's; the form hears it through this field. */}
      <input type="hidden" name="selfInvoicing.enabled" value={String(enabled)} />
      <CheckField
        label={s('enabled')}
        description={s('enabledHint')}
        isSelected={enabled}
        onChange={setEnabled}
        isDisabled={!canEdit}
      />
      <TextInput
        name="selfInvoicing.companyNumber"
        label={s('companyNumber')}
        description={s('companyNumberHint')}
        isRequired
        defaultValue={saved?.companyNumber}
      />
      <ChoiceField
        name="selfInvoicing.limit.kind"
        label={s('limit')}
        defaultValue={kind}
        onChange={(value) => setKind(value as LimitKind)}
        options={[
          { id: 'naturalMonth', label: s('limits.naturalMonth') },
          { id: 'days', label: s('limits.days') },
          { id: 'none', label: s('limits.none') },
        ]}
      />
      {kind === 'days' ? (
        <TextInput
          name="selfInvoicing.limit.days"
          label={s('days')}
          description={s('daysHint')}
          isRequired
          defaultValue={savedDays}
          className="short"
        />
      ) : null}
      <ChoiceField
        name="selfInvoicing.afterLimit"
        label={s('afterLimit')}
        defaultValue={saved?.afterLimit ?? 'refuse'}
        options={[
          { id: 'refuse', label: s('after.refuse') },
          { id: 'request', label: s('after.request') },
        ]}
      />
      <ChoiceField
        name="linesFrom"
        label={s('lines')}
        defaultValue={linesFrom}
        onChange={(value) => setLinesFrom(value as LinesFrom)}
        options={[
          { id: 'ticket', label: s('linesFrom.ticket') },
          { id: 'concept', label: s('linesFrom.concept') },
        ]}
      />
      {linesFrom === 'concept' ? (
        <>
          <TextInput
            name="selfInvoicing.concept.description"
            label={s('conceptDescription')}
            description={s('conceptDescriptionHint')}
            isRequired
            defaultValue={saved?.concept?.description}
          />
          {mexico ? (
            <>
              <TextInput
                name="selfInvoicing.concept.satProductKey"
                label={s('satProductKey')}
                description={s('satProductKeyHint')}
                defaultValue={saved?.concept?.satProductKey}
                className="short"
              />
              <TextInput
                name="selfInvoicing.concept.satUnitKey"
                label={s('satUnitKey')}
                description={s('satUnitKeyHint')}
                defaultValue={saved?.concept?.satUnitKey}
                className="short"
              />
            </>
          ) : null}
        </>
      ) : null}
      <NativeSelect
        name="selfInvoicing.seriesId"
        label={s('series')}
        description={s('seriesHint')}
        placeholder={{ label: s('defaultSeries'), selectable: true }}
        options={seriesOptions(series, saved?.seriesId)}
        defaultValue={saved?.seriesId}
        error={errors['selfInvoicing.seriesId']}
      />
    </>
  );
}

/** What the public page is now: on or off, and its address once a company number is saved. */
function PublicPage({ saved }: { saved: SelfInvoicing | undefined }) {
  const { t } = useTranslation();
  if (!saved) return <p className="settings-note">{t('settings.selfInvoicing.notSetUp')}</p>;
  const link = publicLink(saved.companyNumber);
  return (
    <Details
      rows={[
        [
          t('settings.selfInvoicing.state'),
          <span key="state" className={`settings-state ${saved.enabled ? 'valid' : ''}`}>
            {saved.enabled ? t('settings.selfInvoicing.on') : t('settings.selfInvoicing.off')}
          </span>,
        ],
        [
          t('settings.selfInvoicing.publicPage'),
          saved.enabled ? (
            <a key="link" href={link} target="_blank" rel="noopener" className="mono">
              {link}
            </a>
          ) : (
            <span key="link">{t('settings.selfInvoicing.publicPageOff')}</span>
          ),
        ],
      ]}
    />
  );
}

/**
 * Self-invoicing (`settings.selfInvoicing`): whether buyers may turn the tenant's sales tickets
 * into invoices on the public page `/f/{companyNumber}`, until when, with which lines and in which
 * series. Mexican tenants give the generic concept's SAT keys too.
 */
export function SelfInvoicingSection() {
  const { t } = useTranslation();
  const current = useSettings();
  const tenant = useTenant();
  const series = useSeries();
  const mexico = tenant.data?.address.country === 'MX';
  const saved = current.data?.settings.selfInvoicing;
  return (
    <Section title={t('settings.section.selfInvoicing')} intro={t('settings.selfInvoicing.intro')}>
      {current.data ? (
        <section className="card" aria-label={t('settings.selfInvoicing.now')}>
          <PublicPage saved={saved} />
        </section>
      ) : null}
      {/* The choices depend on the country and the series: the form waits for them (a failed
          series list leaves only the default series to choose). */}
      {tenant.isPending || series.isPending ? (
        <Loading />
      ) : (
        <SettingsForm
          fields={FIELDS}
          prepare={selfInvoicingBody}
          // A 409 naming the number is the one way it is refused: another company has it.
          fieldWords={(status, { path }) =>
            status === 409 && path === 'selfInvoicing.companyNumber'
              ? t('settings.selfInvoicing.numberTaken')
              : undefined
          }
        >
          {(settings, form) => (
            <SelfInvoicingFields
              saved={settings.selfInvoicing}
              mexico={mexico}
              series={series.data?.items ?? []}
              errors={form.errors}
            />
          )}
        </SettingsForm>
      )}
    </Section>
  );
}
