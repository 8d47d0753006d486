import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { ActionDialog } from '../../ui/action-dialog.tsx';
import { TextInput } from '../../ui/fields.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { apiSchema } from './api-schema.ts';
import { QrCode } from './qr-code.tsx';
import { INVOICES, type Invoice, useInvoiceVerifactu } from './queries.ts';

/** The invoice's VERI*FACTU record: its state at AEAT, the QR printed on it, its history. */
export function VerifactuPanel({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const record = useInvoiceVerifactu(invoice.id, invoice.status !== 'draft');
  const canRemedy = useCan('POST /v1/invoices/{id}/verifactu/remedy');
  const [notice, setNotice] = useState('');
  const v = (key: string) => t(`invoices.verifactu.${key}` as 'invoices.verifactu.title');
  return (
    <section className="card" aria-labelledby="verifactu-heading">
      <h2 id="verifactu-heading">{v('title')}</h2>
      <p className="notice" role="status">
        {notice}
      </p>
      {record.isPending ? (
        <Loading />
      ) : record.isError ? (
        <ErrorState error={record.error} onRetry={() => void record.refetch()} />
      ) : record.data === null ? (
        <p>{v('none')}</p>
      ) : (
        <div className="verifactu">
          <div className="verifactu-qr">
            <QrCode text={record.data.qrUrl} label={v('qr')} />
            <a href={record.data.qrUrl} target="_blank" rel="noopener noreferrer">
              {v('verifyLink')}
            </a>
          </div>
          <div className="verifactu-record">
            <dl className="facts">
              <div>
                <dt>{v('submission')}</dt>
                <dd>
                  <span className={`badge vf-${record.data.submission.state}`}>
                    {v(`state.${record.data.submission.state}`)}
                  </span>
                </dd>
              </div>
              {record.data.submission.csv ? (
                <div>
                  <dt>{v('csv')}</dt>
                  <dd className="mono">{record.data.submission.csv}</dd>
                </div>
              ) : null}
              {record.data.record.Huella ? (
                <div>
                  <dt>{v('huella')}</dt>
                  <dd className="mono hash">{record.data.record.Huella}</dd>
                </div>
              ) : null}
            </dl>
            {record.data.submission.errors?.length ? (
              <>
                <h3>{v('errors')}</h3>
                <ul>
                  {record.data.submission.errors.map((e) => (
                    <li key={`${e.code}-${e.description}`}>
                      <span className="mono">{e.code}</span> {e.description}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {record.data.remediable && canRemedy ? (
              <RemedyDialog invoice={invoice} onDone={setNotice} />
            ) : null}
            <table className="table compact-table">
              <caption>{v('history')}</caption>
              <thead>
                <tr>
                  <th scope="col">{v('seq')}</th>
                  <th scope="col">{v('kindLabel')}</th>
                  <th scope="col">{v('submission')}</th>
                </tr>
              </thead>
              <tbody>
                {record.data.history.map((h) => (
                  <tr key={h.seq}>
                    <td>{h.seq}</td>
                    <td>{v(`kind.${h.kind}`)}</td>
                    <td>{v(`state.${h.submission.state}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}

function RemedyDialog({ invoice, onDone }: { invoice: Invoice; onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  return (
    <ActionDialog
      closeLabel={t('invoices.dialogs.close')}
      label={t('invoices.dialogs.remedy.action')}
      title={t('invoices.dialogs.remedy.title')}
    >
      {(close) => (
        <RemedyForm
          invoice={invoice}
          onDone={(n) => {
            close();
            onDone(n);
          }}
        />
      )}
    </ActionDialog>
  );
}

function RemedyForm({ invoice, onDone }: { invoice: Invoice; onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const form = useApiForm({
    schema: apiSchema('RemedyInput'),
    fields: ['description'],
    submit: async (body) => {
      unwrap(
        await api.POST('/v1/invoices/{id}/verifactu/remedy', {
          params: { path: { id: invoice.id } },
          body,
        }),
      );
      await queries.invalidateQueries({ queryKey: [...INVOICES, 'verifactu', invoice.id] });
      onDone(t('invoices.dialogs.remedy.done'));
    },
  });
  return (
    <ApiForm form={form}>
      <p>{t('invoices.dialogs.remedy.explain')}</p>
      <TextInput name="description" label={t('invoices.dialogs.remedy.description')} />
      <div className="form-actions">
        <Button type="submit" className="button primary" isPending={form.pending}>
          {t('invoices.dialogs.remedy.submit')}
        </Button>
      </div>
    </ApiForm>
  );
}
