import { LABOUR_CATEGORIES, VALUATION_CSV_COLUMNS } from '@sello/core/claims';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { unwrap, useApi } from '../../api/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import type { Language } from '../../i18n/index.ts';
import { FieldGroup, TextInput } from '../../ui/fields.tsx';
import { decimalFromInput, decimalToInput } from '../invoices/decimal.ts';
import { useLanguage } from '../invoices/totals.tsx';
import { apiSchema } from './api-schema.ts';
import { NativeSelect } from './native-select.tsx';
import { CLAIMS, KINDS, type Valuation, type ValuationLine } from './queries.ts';

const DECIMALS = ['quantity', 'unitPrice', 'discountRate'] as const;
/** Room for the lines a valuation has (the form's fields are named by their index). */
const MAX_LINES = 200;
const FIELDS = [
  'version',
  'franchise',
  'taxes',
  'taxes.0.rate',
  'lines',
  ...Array.from({ length: MAX_LINES }, (_, i) =>
    VALUATION_CSV_COLUMNS.map((f) => `lines.${i}.${f}`),
  ).flat(),
];

/** The form's values as the API's body: lines as a list, decimals the API's way, one IVA rate. */
function toBody(body: Record<string, unknown>, language: Language): Record<string, unknown> {
  const decimal = (value: unknown) =>
    typeof value === 'string' ? decimalFromInput(value, language) : value;
  const lines = Object.values((body.lines ?? {}) as Record<string, Record<string, unknown>>).map(
    (line) => {
      const out: Record<string, unknown> = { ...line };
      for (const key of DECIMALS) if (key in out) out[key] = decimal(out[key]);
      // Only labour has a rate's category to choose; paint lines are painting hours.
      if (out.kind !== 'labour') delete out.category;
      return out;
    },
  );
  const rate = decimal((body.taxes as { 0?: { rate?: unknown } } | undefined)?.[0]?.rate);
  return {
    version: Number(body.version),
    lines,
    franchise: decimal(body.franchise ?? '0'),
    taxes: [{ type: 'IVA', rate }],
  };
}

let nextRowId = 0;
const rowOf = (line?: ValuationLine) => ({ id: nextRowId++, line });

/**
 * A valuation written (or corrected) in the console: its lines by kind, the franchise and the
 * IVA rate, saved as the next version (the API shows what changed from the one before).
 */
export function ValuationEditor({
  claimId,
  base,
  version,
  onDone,
  onCancel,
}: {
  claimId: string;
  /** The version being corrected; a new valuation when absent. */
  base?: Valuation | undefined;
  version: number;
  onDone: (version: number) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const language = useLanguage();
  const [rows, setRows] = useState(() =>
    base ? base.lines.map((l) => rowOf(l)) : [rowOf(undefined)],
  );
  const [kinds, setKinds] = useState<Record<number, string>>({});
  const added = useRef<number | undefined>(undefined);
  const form = useApiForm({
    schema: apiSchema('ValuationInput'),
    fields: FIELDS,
    prepare: (body) => toBody(body, language),
    submit: async (body) => {
      const saved = unwrap(
        await api.POST('/v1/claims/{id}/valuations', { params: { path: { id: claimId } }, body }),
      );
      await queries.invalidateQueries({ queryKey: CLAIMS });
      onDone(saved.version);
    },
  });
  const rate = base?.taxes[0]?.rate ?? '21';
  return (
    <ApiForm form={form}>
      <input type="hidden" name="version" value={version} />
      <FieldGroup legend={t('claims.editor.lines')}>
        <ol className="valuation-editor-lines">
          {rows.map((row, i) => {
            const kind = kinds[row.id] ?? row.line?.kind ?? 'part';
            const n = i + 1;
            return (
              <li key={row.id} className="valuation-editor-line">
                <fieldset
                  className="field-group"
                  ref={(el) => {
                    if (el && added.current === row.id) {
                      added.current = undefined;
                      el.querySelector('select')?.focus();
                    }
                  }}
                >
                  <legend>{t('claims.editor.line', { n })}</legend>
                  <div className="field-row">
                    <div
                      className="kind-select"
                      onChange={(e) => {
                        const value = (e.target as unknown as HTMLSelectElement).value;
                        setKinds((k) => ({ ...k, [row.id]: value }));
                      }}
                    >
                      <NativeSelect
                        name={`lines.${i}.kind`}
                        label={t('claims.editor.kind')}
                        isRequired
                        defaultValue={kind}
                        placeholder={t('claims.form.choose')}
                        options={KINDS.map((k) => ({
                          id: k,
                          label: t(`claims.valuation.kinds.${k}`),
                        }))}
                        error={form.errors[`lines.${i}.kind`]}
                      />
                    </div>
                    {kind === 'labour' ? (
                      <NativeSelect
                        name={`lines.${i}.category`}
                        label={t('claims.editor.category')}
                        isRequired
                        defaultValue={row.line?.category ?? 'bodywork'}
                        placeholder={t('claims.form.choose')}
                        options={LABOUR_CATEGORIES.map((c) => ({
                          id: c,
                          label: t(`claims.valuation.categories.${c}`),
                        }))}
                        error={form.errors[`lines.${i}.category`]}
                      />
                    ) : null}
                    <TextInput
                      name={`lines.${i}.reference`}
                      label={t('claims.editor.reference')}
                      defaultValue={row.line?.reference}
                      className="short"
                    />
                  </div>
                  <TextInput
                    name={`lines.${i}.description`}
                    label={t('claims.valuation.description')}
                    isRequired
                    defaultValue={row.line?.description}
                  />
                  <div className="field-row">
                    <TextInput
                      name={`lines.${i}.quantity`}
                      label={t('claims.valuation.quantity')}
                      isRequired
                      defaultValue={decimalToInput(row.line?.quantity, language)}
                      className="short"
                    />
                    <TextInput
                      name={`lines.${i}.unitPrice`}
                      label={t('claims.valuation.unitPrice')}
                      isRequired
                      defaultValue={decimalToInput(row.line?.unitPrice, language)}
                      className="short"
                    />
                    <TextInput
                      name={`lines.${i}.discountRate`}
                      label={t('claims.valuation.discount')}
                      defaultValue={decimalToInput(row.line?.discountRate, language)}
                      className="short"
                    />
                  </div>
                  {rows.length > 1 ? (
                    <Button
                      className="button secondary compact"
                      onPress={() => setRows((r) => r.filter((x) => x.id !== row.id))}
                    >
                      {t('claims.editor.removeLine', { n })}
                    </Button>
                  ) : null}
                </fieldset>
              </li>
            );
          })}
        </ol>
        {rows.length < MAX_LINES ? (
          <Button
            className="button secondary"
            onPress={() => {
              const row = rowOf(undefined);
              added.current = row.id;
              setRows((r) => [...r, row]);
            }}
          >
            {t('claims.editor.addLine')}
          </Button>
        ) : null}
      </FieldGroup>
      <div className="field-row">
        <TextInput
          name="franchise"
          label={t('claims.valuation.franchise')}
          isRequired
          defaultValue={decimalToInput(base?.franchise ?? '0.00', language)}
          className="short"
        />
        <TextInput
          name="taxes.0.rate"
          label={t('claims.editor.taxRate')}
          isRequired
          defaultValue={decimalToInput(rate, language)}
          className="short"
        />
      </div>
      <div className="form-actions">
        <Button type="submit" className="button primary" isPending={form.pending}>
          {form.pending ? t('form.saving') : t('claims.editor.save', { version })}
        </Button>
        <Button className="button secondary" onPress={onCancel}>
          {t('claims.editor.cancel')}
        </Button>
      </div>
    </ApiForm>
  );
}
