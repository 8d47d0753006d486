import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useCan } from '../../auth/index.ts';
import { formatMoney } from '../../i18n/index.ts';
import { Page } from '../../ui/page.tsx';
import { allOf, QueryState } from '../../ui/query-state.tsx';
import { useAllCustomers } from '../invoices/queries.ts';
import { useLanguage } from '../invoices/totals.tsx';
import { ClaimBilling } from './billing.tsx';
import { ClaimStatusBadge } from './list-page.tsx';
import { type Claim, useCentres, useClaim, useValuations, type Valuation } from './queries.ts';
import { ValuationView } from './valuation.tsx';
import { ValuationEditor } from './valuation-editor.tsx';
import { ValuationImport } from './valuation-import.tsx';

/** The claim file: its number, policy, status, parties, centre and estimate; the vehicle. */
function Facts({ claim }: { claim: Claim }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const customers = useAllCustomers();
  const centres = useCentres();
  const party = (id: string) => {
    const c = customers.data?.find((x) => x.id === id);
    return c ? (
      <>
        <Link to={`/customers/${encodeURIComponent(id)}`}>{c.name}</Link>{' '}
        <span className="mono">{c.taxId}</span>
      </>
    ) : null;
  };
  const centre = centres.data?.find((c) => c.id === claim.centreId);
  const { vehicle } = claim;
  return (
    <div className="claim-facts">
      <section className="card" aria-labelledby="claim-heading">
        <h2 id="claim-heading">{t('claims.claim.facts')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('claims.claimNumber')}</dt>
            <dd className="mono">{claim.claimNumber}</dd>
          </div>
          <div>
            <dt>{t('claims.status')}</dt>
            <dd>
              <ClaimStatusBadge status={claim.status} />
            </dd>
          </div>
          <div>
            <dt>{t('claims.claim.policy')}</dt>
            <dd className="mono">{claim.policyNumber}</dd>
          </div>
          <div>
            <dt>{t('claims.insurer')}</dt>
            <dd data-party="insurer">{party(claim.insurerId)}</dd>
          </div>
          <div>
            <dt>{t('claims.claim.insured')}</dt>
            <dd data-party="insured">{party(claim.insuredId)}</dd>
          </div>
          {centre ? (
            <div>
              <dt>{t('claims.claim.centre')}</dt>
              <dd>{centre.name}</dd>
            </div>
          ) : null}
          {claim.estimate ? (
            <div>
              <dt>{t('claims.claim.estimate')}</dt>
              <dd>{formatMoney(claim.estimate, 'EUR', language)}</dd>
            </div>
          ) : null}
        </dl>
      </section>
      <section className="card" aria-labelledby="vehicle-heading">
        <h2 id="vehicle-heading">{t('claims.claim.vehicle')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('claims.plate')}</dt>
            <dd className="mono" data-plate="">
              {vehicle.plate}
            </dd>
          </div>
          {vehicle.make || vehicle.model ? (
            <div>
              <dt>
                {t('claims.form.make')} · {t('claims.form.model')}
              </dt>
              <dd>{[vehicle.make, vehicle.model].filter(Boolean).join(' ')}</dd>
            </div>
          ) : null}
          {vehicle.vin ? (
            <div>
              <dt>{t('claims.form.vin')}</dt>
              <dd className="mono">{vehicle.vin}</dd>
            </div>
          ) : null}
        </dl>
      </section>
    </div>
  );
}

/** The valuation: the version shown, importing one, or writing (correcting) one in the console. */
function ValuationSection({
  claim,
  versions,
  onNotice,
}: {
  claim: Claim;
  versions: readonly Valuation[];
  onNotice: (text: string) => void;
}) {
  const { t } = useTranslation();
  const canWrite = useCan('POST /v1/claims/{id}/valuations');
  const [asked, setShown] = useState<number>();
  const [editing, setEditing] = useState(false);
  const latest = versions.at(-1);
  const shown = versions.find((v) => v.version === asked) ?? latest;
  const next = (latest?.version ?? 0) + 1;
  const done = (version: number) => {
    setEditing(false);
    setShown(version);
    onNotice(t('claims.valuation.imported', { version }));
  };
  return (
    <section className="card" aria-labelledby="valuation-heading">
      <h2 id="valuation-heading">{t('claims.valuation.title')}</h2>
      {shown ? (
        <ValuationView versions={versions} shown={shown} onShow={setShown} />
      ) : (
        <p className="hint">{t('claims.valuation.none')}</p>
      )}
      {canWrite && claim.status !== 'closed' && claim.status !== 'invoiced' ? (
        editing ? (
          <div className="valuation-editor">
            <h3>{shown ? t('claims.editor.correct') : t('claims.editor.write')}</h3>
            <ValuationEditor
              claimId={claim.id}
              base={shown}
              version={next}
              onDone={done}
              onCancel={() => setEditing(false)}
            />
          </div>
        ) : (
          <>
            <div className="form-actions">
              <Button className="button secondary" onPress={() => setEditing(true)}>
                {shown ? t('claims.editor.correct') : t('claims.editor.write')}
              </Button>
            </div>
            <details className="valuation-import-box">
              <summary>{t('claims.valuation.import')}</summary>
              <ValuationImport claimId={claim.id} version={next} onDone={done} />
            </details>
          </>
        )
      ) : null}
    </section>
  );
}

/** A claim file: facts and vehicle, the valuation (versions, split, editor), and its billing. */
export function ClaimPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const claim = useClaim(id);
  const valuations = useValuations(id);
  const { state } = useLocation() as { state: { notice?: string } | null };
  const [said, setNotice] = useState<string>();
  const notice = said ?? state?.notice ?? '';
  const title = claim.data
    ? t('claims.claim.title', { number: claim.data.claimNumber })
    : t('claims.title');
  return (
    <Page title={title}>
      <p className="notice" role="status">
        {notice}
      </p>
      <QueryState query={allOf(claim, valuations)}>
        {([claim, versions]) => (
          <div className="claim-page">
            <Facts claim={claim} />
            <ValuationSection claim={claim} versions={versions} onNotice={setNotice} />
            <ClaimBilling
              claim={claim}
              valuation={versions.find(
                (v) => v.version === (claim.invoices?.valuationVersion ?? claim.valuationVersion),
              )}
              onNotice={setNotice}
            />
          </div>
        )}
      </QueryState>
    </Page>
  );
}
