import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type components, unwrap, useApi } from '../../api/index.ts';
import { useCan, useSession } from '../../auth/index.ts';
import { translateDynamic } from '../../i18n/dynamic.ts';
import { formatDate, formatMoney, isLanguage, type Language } from '../../i18n/index.ts';
import { Page } from '../../ui/page.tsx';
import { allOf, QueryState } from '../../ui/query-state.tsx';
import { EmptyState } from '../../ui/states.tsx';

type Invoice = components['schemas']['Invoice'];
type VerifactuEntry = components['schemas']['VerifactuEntry'];

/** How many of the latest invoices the home page looks through for the buyers' rejections. */
const SCANNED = 100;
/** Pages of 200 VERI*FACTU records read at most (the list runs oldest first). */
const RECORD_PAGES = 10;

function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : 'es';
}

function RecentInvoices({ invoices }: { invoices: readonly Invoice[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (invoices.length === 0) return <EmptyState>{t('home.noInvoices')}</EmptyState>;
  return (
    <ul className="home-list">
      {invoices.map((i) => (
        <li key={i.id}>
          <Link to={`/invoices/${encodeURIComponent(i.id)}`}>
            {i.number ?? t('invoices.draft')}
          </Link>
          <span>{i.customer.name}</span>
          <span className="muted">
            {translateDynamic(t, `invoices.status.${i.status}`)}
            {i.issueDate ? ` · ${formatDate(i.issueDate, language)}` : ''}
          </span>
          <strong className="num">{formatMoney(i.totals.total, i.currency, language)}</strong>
        </li>
      ))}
    </ul>
  );
}

/** What awaits action: drafts, invoices the buyers rejected, VERI*FACTU records not through. */
function Awaiting() {
  const { t } = useTranslation();
  const api = useApi();
  const drafts = useQuery({
    queryKey: ['invoices', 'list', { status: 'draft' }, 'home'],
    queryFn: async () =>
      unwrap(await api.GET('/v1/invoices', { params: { query: { status: 'draft', limit: 50 } } })),
  });
  const latest = useQuery({
    queryKey: ['invoices', 'list', {}, SCANNED],
    queryFn: async () =>
      unwrap(await api.GET('/v1/invoices', { params: { query: { limit: SCANNED } } })),
  });
  const records = useQuery({
    queryKey: ['verifactu', 'records', 'home'],
    staleTime: 60_000,
    queryFn: async () => {
      const all: VerifactuEntry[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < RECORD_PAGES; page++) {
        const result = unwrap(
          await api.GET('/v1/verifactu/records', {
            params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } },
          }),
        );
        all.push(...result.items);
        cursor = result.nextCursor;
        if (!cursor) break;
      }
      return all;
    },
  });
  return (
    <QueryState query={allOf(drafts, latest, records)}>
      {([draftPage, latestPage, allRecords]) => {
        const rejected = latestPage.items.filter((i) => i.recipientStatus === 'rejected');
        // A record corrected by a later one (remediedBy) no longer awaits anything.
        const open = allRecords.filter((r) => r.remediedBy === undefined);
        const pending = open.filter((r) => r.submission.state === 'pending');
        const refused = open.filter(
          (r) => r.submission.state === 'rejected' || r.submission.state === 'acceptedWithErrors',
        );
        const items = [
          draftPage.items.length > 0 && (
            <li key="drafts">
              <Link to="/invoices?status=draft">
                {draftPage.nextCursor
                  ? t('home.draftsMore', { count: draftPage.items.length })
                  : t('home.drafts', { count: draftPage.items.length })}
              </Link>
            </li>
          ),
          rejected.length > 0 && (
            <li key="rejected">
              {t('home.rejected', { count: rejected.length })}{' '}
              <span className="muted">({t('home.rejectedHint', { count: SCANNED })})</span>
              <ul>
                {rejected.slice(0, 10).map((i) => (
                  <li key={i.id}>
                    <Link to={`/invoices/${encodeURIComponent(i.id)}`}>{i.number}</Link> ·{' '}
                    {i.customer.name}
                  </li>
                ))}
              </ul>
            </li>
          ),
          pending.length > 0 && (
            <li key="pending">{t('home.verifactuPending', { count: pending.length })}</li>
          ),
          refused.length > 0 && (
            <li key="refused">
              {t('home.verifactuRejected', { count: refused.length })}
              <ul>
                {refused.slice(0, 10).map((r) => (
                  <li key={r.seq}>
                    <Link to={`/invoices/${encodeURIComponent(r.invoiceId)}`}>
                      {r.record.NumSerieFactura ?? r.record.NumSerieFacturaAnulada ?? r.invoiceId}
                    </Link>
                  </li>
                ))}
              </ul>
            </li>
          ),
        ].filter(Boolean);
        return items.length > 0 ? (
          <ul className="awaiting">{items}</ul>
        ) : (
          <p>{t('home.nothing')}</p>
        );
      }}
    </QueryState>
  );
}

/** The VERI*FACTU chain as recomputed now, and whether records can reach AEAT. */
function Chain() {
  const { t } = useTranslation();
  const language = useLanguage();
  const api = useApi();
  const chain = useQuery({
    queryKey: ['verifactu', 'verify'],
    // The API recomputes every huella of the chain: not on every visit to the home page.
    staleTime: 5 * 60_000,
    queryFn: async () => unwrap(await api.POST('/v1/verifactu/verify')),
  });
  const certificate = useQuery({
    queryKey: ['verifactu', 'submitter-certificate'],
    queryFn: async () => unwrap(await api.GET('/v1/verifactu/submitter-certificate')),
  });
  const cert = certificate.data;
  const date = (value: string | undefined) => (value ? formatDate(value, language) : '');
  return (
    <QueryState query={chain}>
      {(found) => (
        <>
          <p data-chain={found.valid ? 'valid' : 'broken'}>
            {found.checked === 0
              ? t('home.chainEmpty')
              : found.valid
                ? t('home.chainValid', { count: found.checked })
                : t('home.chainBroken', {
                    seq: found.firstBroken?.seq,
                    reason: found.firstBroken?.reason,
                  })}
          </p>
          {cert ? (
            <p className={cert.state === 'valid' ? '' : 'warning'}>
              {translateDynamic(t, `home.certificate.${cert.state}`, {
                date: date(
                  cert.state === 'notYetValid'
                    ? cert.certificate?.notBefore
                    : cert.certificate?.notAfter,
                ),
              })}
            </p>
          ) : null}
        </>
      )}
    </QueryState>
  );
}

/** The issuer's start page: whose company, its latest invoices, what awaits, the chain. */
export function HomePage() {
  const { t } = useTranslation();
  const api = useApi();
  const { session } = useSession();
  const canCreate = useCan('POST /v1/invoices');
  const canList = useCan('GET /v1/invoices');
  const tenant = useQuery({
    queryKey: ['tenant'],
    queryFn: async () => unwrap(await api.GET('/v1/tenant')),
  });
  const recent = useQuery({
    queryKey: ['invoices', 'list', {}, 'recent'],
    enabled: canList,
    queryFn: async () => unwrap(await api.GET('/v1/invoices', { params: { query: { limit: 5 } } })),
  });
  const name = session.status === 'staff' ? session.user.email : undefined;
  return (
    <Page
      title={t('home.title')}
      actions={
        canCreate ? (
          <Link className="button primary" to="/invoices/new">
            {t('invoices.new')}
          </Link>
        ) : null
      }
    >
      <QueryState query={tenant}>
        {(company) => (
          <section className="card home-intro">
            {name ? <p className="lead">{t('home.welcome', { name })}</p> : null}
            <p>
              <strong>{company.name}</strong> · {company.taxId}
            </p>
          </section>
        )}
      </QueryState>
      {canList ? (
        <div className="home-grid">
          <section className="card" aria-labelledby="recent-heading">
            <h2 id="recent-heading">{t('home.recent')}</h2>
            <QueryState query={recent}>
              {(data) => <RecentInvoices invoices={data.items} />}
            </QueryState>
            <p>
              <Link to="/invoices">{t('home.seeAll')}</Link>
            </p>
          </section>
          <section className="card" aria-labelledby="awaiting-heading">
            <h2 id="awaiting-heading">{t('home.awaiting')}</h2>
            <Awaiting />
          </section>
          <section className="card" aria-labelledby="chain-heading">
            <h2 id="chain-heading">{t('home.chain')}</h2>
            <Chain />
          </section>
        </div>
      ) : (
        <p>
          <Link to="/customers">{t('home.customersLink')}</Link>
        </p>
      )}
    </Page>
  );
}
