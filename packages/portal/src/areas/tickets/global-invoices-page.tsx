import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { formatDate, formatMoney } from '../../i18n/index.ts';
import { Page } from '../../ui/page.tsx';
import { EmptyState, ErrorState, Loading, useErrorMessage } from '../../ui/states.tsx';
import { apiSchema } from './api-schema.ts';
import { TicketsTabs, useLanguage } from './parts.tsx';
import { type GlobalInvoice, TICKETS, useGlobalInvoices, useMexican } from './queries.ts';

/** The month before this one, YYYY-MM: the one the close takes by default. */
function lastMonth(now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

function CloseForm({ onDone }: { onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const form = useApiForm({
    schema: apiSchema('CloseGlobalInput'),
    fields: ['period'],
    submit: async (body) => {
      const { global } = unwrap(await api.POST('/v1/global-invoices', { body }));
      await queries.invalidateQueries({ queryKey: TICKETS });
      const period = body.period ?? global?.period ?? '';
      onDone(
        global
          ? t('tickets.globals.close.done', { period, count: global.tickets.length })
          : t('tickets.globals.close.nothing', { period }),
      );
    },
  });
  return (
    <section className="card" aria-labelledby="close-heading">
      <h2 id="close-heading">{t('tickets.globals.close.legend')}</h2>
      <ApiForm form={form}>
        <TextField className="field" name="period" type="month" defaultValue={lastMonth()}>
          <Label>{t('tickets.globals.close.period')}</Label>
          <Input className="input" placeholder="2026-11" />
          <Text slot="description">{t('tickets.globals.close.periodHint')}</Text>
          <FieldError className="field-error" />
        </TextField>
        <div className="form-actions">
          <Button type="submit" className="button primary" isPending={form.pending}>
            {t('tickets.globals.close.submit')}
          </Button>
        </div>
      </ApiForm>
    </section>
  );
}

/**
 * The stamped XML of a global. The request needs the session's token, so it goes through the
 * API client and the file is handed to the browser from memory.
 */
function XmlDownload({ global }: { global: GlobalInvoice }) {
  const { t } = useTranslation();
  const api = useApi();
  const message = useErrorMessage();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <>
      <Button
        className="button secondary compact"
        aria-label={t('tickets.globals.xmlLabel', { period: global.period })}
        isPending={pending}
        onPress={async () => {
          setPending(true);
          setError(undefined);
          try {
            const blob = unwrap(
              await api.GET('/v1/global-invoices/{id}/documents/{format}', {
                params: { path: { id: global.id, format: 'cfdi' } },
                parseAs: 'blob',
              }),
            ) as Blob;
            const url = URL.createObjectURL(blob);
            const a = document.createElement('a');
            a.href = url;
            a.download = `${global.uuid ?? global.id}.xml`;
            a.click();
            setTimeout(() => URL.revokeObjectURL(url), 10_000);
          } catch (e) {
            setError(message(e));
          } finally {
            setPending(false);
          }
        }}
      >
        {t('tickets.globals.xml')}
      </Button>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}

function Relations({ global }: { global: GlobalInvoice }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const parts = [
    ...(global.replaces ? [t('tickets.globals.replaces', { uuid: global.replaces.uuid })] : []),
    ...(global.replacedBy ? [t('tickets.globals.replacedBy', { id: global.replacedBy })] : []),
    ...(global.cancellation
      ? [
          t('tickets.globals.cancelled', {
            reason: t(`tickets.globals.reasons.${global.cancellation.reason}`),
            date: formatDate(global.cancellation.at, language),
          }),
        ]
      : []),
  ];
  return (
    <>
      {parts.map((part) => (
        <span key={part} className="global-relation">
          {part}
          <br />
        </span>
      ))}
    </>
  );
}

function GlobalsTable({ globals }: { globals: GlobalInvoice[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const canDownload = useCan('GET /v1/global-invoices/{id}/documents/{format}');
  return (
    <table className="table global-invoices">
      <caption className="visually-hidden">{t('tickets.globals.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('tickets.globals.period')}</th>
          <th scope="col">{t('tickets.globals.status')}</th>
          <th scope="col" className="wide-only">
            {t('tickets.globals.uuid')}
          </th>
          <th scope="col" className="num">
            {t('tickets.globals.tickets')}
          </th>
          <th scope="col" className="num">
            {t('tickets.globals.total')}
          </th>
          <th scope="col" className="wide-only">
            {t('tickets.globals.relations')}
          </th>
          {canDownload ? <th scope="col">{t('tickets.globals.xml')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {globals.map((global) => (
          <tr key={global.id}>
            <td>{global.period}</td>
            <td>
              <span
                className={
                  global.status === 'stamped'
                    ? 'badge status-issued'
                    : global.status === 'cancelled'
                      ? 'badge status-cancelled'
                      : 'badge'
                }
              >
                {t(`tickets.globals.statuses.${global.status}`)}
              </span>
            </td>
            <td className="wide-only mono hash">{global.uuid ?? ''}</td>
            <td className="num">{global.tickets.length}</td>
            <td className="num">
              {global.total ? formatMoney(global.total, global.currency, language) : ''}
            </td>
            <td className="wide-only">
              <Relations global={global} />
            </td>
            {canDownload ? <td>{global.uuid ? <XmlDownload global={global} /> : null}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Mexico's factura global of each closed month, and closing one on demand. */
export function GlobalInvoicesPage() {
  const { t } = useTranslation();
  const tenant = useMexican();
  const globals = useGlobalInvoices(tenant.mexican === true);
  const canClose = useCan('POST /v1/global-invoices');
  const [notice, setNotice] = useState('');
  return (
    <Page title={t('tickets.globals.title')}>
      <TicketsTabs />
      {tenant.isPending ? (
        <Loading />
      ) : tenant.isError ? (
        <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} />
      ) : !tenant.mexican ? (
        <EmptyState>{t('tickets.globals.onlyMexico')}</EmptyState>
      ) : (
        <>
          <p className="hint">{t('tickets.globals.intro')}</p>
          <p className="notice" role="status">
            {notice}
          </p>
          {canClose ? <CloseForm onDone={setNotice} /> : null}
          {globals.isPending ? (
            <Loading />
          ) : globals.isError ? (
            <ErrorState error={globals.error} onRetry={() => void globals.refetch()} />
          ) : globals.data.length === 0 ? (
            <EmptyState>{t('tickets.globals.empty')}</EmptyState>
          ) : (
            <GlobalsTable globals={globals.data} />
          )}
        </>
      )}
    </Page>
  );
}
