import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ApiError, unwrap, useApi } from '../../api/index.ts';
import { problemFields } from '../../api/problem-messages.ts';
import { FieldGroup, FormAlert, TextInput } from '../../ui/fields.tsx';
import { useErrorMessage } from '../../ui/states.tsx';
import { decimalFromInput } from '../invoices/decimal.ts';
import { useLanguage } from '../invoices/totals.tsx';
import { CLAIMS } from './queries.ts';

/**
 * The appraiser's file, JSON or CSV, sent as it is (the API reads either by its content type);
 * the same version again is answered as it was the first time.
 */
export function ValuationImport({
  claimId,
  version,
  onDone,
}: {
  claimId: string;
  /** The next version: what a CSV is imported as unless another is typed. */
  version: number;
  onDone: (version: number) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const message = useErrorMessage();
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const id = useId();

  const language = useLanguage();
  const send = async (file: File, form: FormData) => {
    const text = await file.text();
    const csv = file.name.toLowerCase().endsWith('.csv') || file.type === 'text/csv';
    const path = { params: { path: { id: claimId } } };
    // A CSV carries rows only: its version, franchise and tax rate go beside it in the query.
    const typed = (name: string) => decimalFromInput(String(form.get(name) ?? ''), language);
    const result = csv
      ? await api.POST('/v1/claims/{id}/valuations', {
          params: {
            path: { id: claimId },
            query: {
              version: Number(form.get('version') ?? version),
              franchise: typed('franchise'),
              taxRate: typed('taxRate'),
            },
          },
          // The CSV goes as typed: the API parses it (the body's type is the JSON one).
          body: text as never,
          bodySerializer: (body: unknown) => body as string,
          headers: { 'content-type': 'text/csv' },
        })
      : await api.POST('/v1/claims/{id}/valuations', { ...path, body: JSON.parse(text) });
    return unwrap(result);
  };

  return (
    <Form
      className="form valuation-import"
      onSubmit={async (e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const file = data.get('file');
        if (!(file instanceof File) || file.size === 0) {
          setErrors([t('form.required')]);
          return;
        }
        setPending(true);
        setErrors([]);
        try {
          const saved = await send(file, data);
          await queries.invalidateQueries({ queryKey: CLAIMS });
          onDone(saved.version);
        } catch (error) {
          const problems = error instanceof ApiError ? problemFields(error.problem, t) : [];
          setErrors(
            problems.length > 0
              ? problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message))
              : [error instanceof SyntaxError ? error.message : message(error)],
          );
        } finally {
          setPending(false);
        }
      }}
    >
      <FormAlert messages={errors} />
      <div className="field">
        <label className="react-aria-Label" htmlFor={id}>
          {t('claims.valuation.file')}
        </label>
        <input
          id={id}
          className="input"
          type="file"
          name="file"
          accept=".json,.csv,application/json,text/csv"
          aria-describedby={`${id}-hint`}
        />
        <span id={`${id}-hint`} className="react-aria-Text">
          {t('claims.valuation.importHint')}
        </span>
      </div>
      <FieldGroup legend={t('claims.valuation.csv')}>
        <p className="hint">{t('claims.valuation.csvHint')}</p>
        <div className="field-row">
          <TextInput
            name="version"
            label={t('claims.valuation.csvVersion')}
            defaultValue={String(version)}
            className="short"
          />
          <TextInput
            name="franchise"
            label={t('claims.valuation.franchise')}
            defaultValue="0"
            className="short"
          />
          <TextInput
            name="taxRate"
            label={t('claims.editor.taxRate')}
            defaultValue="21"
            className="short"
          />
        </div>
      </FieldGroup>
      <div className="form-actions">
        <Button type="submit" className="button secondary" isPending={pending}>
          {t('claims.valuation.importSubmit')}
        </Button>
      </div>
    </Form>
  );
}
