import { useId, useState } from 'react';
import { Input, Label, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { formatDate, formatMoney } from '../../i18n/index.ts';
import { decimalFromInput, decimalToInput } from '../invoices/decimal.ts';
import { useLanguage } from '../invoices/totals.tsx';
import { KINDS, type Valuation, type ValuationLine } from './queries.ts';
import { liveSplit } from './split.ts';

const number = (value: string, language: string) =>
  language === 'en' ? value : value.replace('.', ',');

/** A line's amount before tax (quantity × price less its discount), as the lines show it. */
function lineLabel(line: ValuationLine, language: string) {
  return `${line.reference ? `${line.reference} · ` : ''}${line.description} (${number(line.quantity, language)} × ${number(line.unitPrice, language)})`;
}

/** The valuation's lines, one table per kind (parts, labour, paint, materials). */
function LinesByKind({ valuation }: { valuation: Valuation }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = (amount: string) => formatMoney(amount, valuation.currency, language);
  return (
    <>
      {KINDS.map((kind) => {
        const lines = valuation.lines.filter((l) => l.kind === kind);
        if (lines.length === 0) return null;
        return (
          <table key={kind} className="table valuation-lines" data-kind={kind}>
            <caption>{t(`claims.valuation.kinds.${kind}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('claims.valuation.description')}</th>
                <th scope="col" className="num">
                  {t('claims.valuation.quantity')}
                </th>
                <th scope="col" className="num">
                  {t('claims.valuation.unitPrice')}
                </th>
                <th scope="col" className="num wide-only">
                  {t('claims.valuation.discount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a version's lines are fixed
                <tr key={i}>
                  <td>
                    {line.reference ? <span className="mono">{line.reference} </span> : null}
                    {line.description}
                    {line.category && kind === 'labour' ? (
                      <span className="hint">
                        {' '}
                        · {t(`claims.valuation.categories.${line.category}`)}
                      </span>
                    ) : null}
                  </td>
                  <td className="num">
                    {number(line.quantity, language)}
                    {kind === 'labour' || kind === 'paint' ? ' h' : ''}
                  </td>
                  <td className="num">{money(line.unitPrice)}</td>
                  <td className="num wide-only">
                    {line.discountRate ? `${number(line.discountRate, language)} %` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </>
  );
}

/**
 * The franchise as the user types it and the split it gives, computed in the browser by the same
 * function the API bills with (`splitFranchise`), so what it shows is what the drafts will carry.
 */
function FranchiseSplit({ valuation }: { valuation: Valuation }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [typed, setTyped] = useState(decimalToInput(valuation.franchise, language));
  const money = (amount: string) => formatMoney(amount, valuation.currency, language);
  const split = liveSplit(valuation, decimalFromInput(typed, language));
  const hint = useId();
  return (
    <div className="franchise-split">
      <TextField className="field short" value={typed} onChange={setTyped} name="franchise">
        <Label>{t('claims.valuation.franchise')}</Label>
        <Input className="input" inputMode="decimal" aria-describedby={hint} />
        <Text slot="description" id={hint}>
          {t('claims.valuation.franchiseHint')}
        </Text>
      </TextField>
      <dl className="totals split-totals" aria-live="polite" data-split="">
        {split ? (
          <>
            <div>
              <dt>{t('claims.valuation.insurerPays')}</dt>
              <dd data-split="insurer">{money(split.insurer)}</dd>
            </div>
            <div>
              <dt>{t('claims.valuation.insuredPays')}</dt>
              <dd data-split="insured">{money(split.insured)}</dd>
            </div>
          </>
        ) : (
          <div>
            <dt>{t('claims.valuation.split')}</dt>
            <dd className="field-error">{t('claims.valuation.splitError')}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}

/** What changed from the version before: lines added, removed, changed, and the totals. */
function Changes({ valuation }: { valuation: Valuation }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const changes = valuation.changes;
  if (!changes) return null;
  const money = (amount: string) => formatMoney(amount, valuation.currency, language);
  const none = changes.added.length + changes.removed.length + changes.changed.length === 0;
  return (
    <div className="valuation-changes" data-changes="">
      <h3>{t('claims.valuation.changes', { version: changes.previousVersion })}</h3>
      {none ? <p className="hint">{t('claims.valuation.noChanges')}</p> : null}
      <ul>
        {changes.added.map((line) => (
          <li key={`+${lineLabel(line, language)}`} className="change-added">
            <strong>{t('claims.valuation.added')}:</strong> {lineLabel(line, language)}
          </li>
        ))}
        {changes.removed.map((line) => (
          <li key={`-${lineLabel(line, language)}`} className="change-removed">
            <strong>{t('claims.valuation.removed')}:</strong> {lineLabel(line, language)}
          </li>
        ))}
        {changes.changed.map(({ before, after }) => (
          <li key={`~${lineLabel(before, language)}`} className="change-changed">
            <strong>{t('claims.valuation.changed')}:</strong> {lineLabel(before, language)} →{' '}
            {lineLabel(after, language)}
          </li>
        ))}
        <li>
          {t('claims.valuation.totals', {
            before: money(changes.totals.before.total),
            after: money(changes.totals.after.total),
          })}
        </li>
        {changes.franchise ? (
          <li>
            {t('claims.valuation.franchiseChanged', {
              before: money(changes.franchise.before),
              after: money(changes.franchise.after),
            })}
          </li>
        ) : null}
      </ul>
    </div>
  );
}

/**
 * One version of the valuation: its lines by kind, its totals, the franchise split live, and what
 * changed from the version before; the versions above it to look at any of them.
 */
export function ValuationView({
  versions,
  shown,
  onShow,
}: {
  versions: readonly Valuation[];
  shown: Valuation;
  onShow: (version: number) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = (amount: string) => formatMoney(amount, shown.currency, language);
  return (
    <div className="valuation" data-valuation-version={shown.version}>
      {versions.length > 1 ? (
        <nav aria-label={t('claims.valuation.versions')} className="valuation-versions">
          <ul>
            {versions.map((v) => (
              <li key={v.version}>
                <button
                  type="button"
                  className="button secondary compact"
                  aria-current={v.version === shown.version ? 'true' : undefined}
                  onClick={() => onShow(v.version)}
                >
                  {t('claims.valuation.version', { version: v.version })}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <p className="hint">
        {t('claims.valuation.version', { version: shown.version })} ·{' '}
        {t(`claims.valuation.from.${shown.source}`)} · {formatDate(shown.importedAt, language)}
        {shown.appraiser?.name ? ` · ${shown.appraiser.name}` : ''}
      </p>
      <LinesByKind valuation={shown} />
      <dl className="totals" data-totals="">
        <div>
          <dt>{t('claims.valuation.net')}</dt>
          <dd>{money(shown.totals.net)}</dd>
        </div>
        <div>
          <dt>{t('claims.valuation.tax')}</dt>
          <dd>{money(shown.totals.tax)}</dd>
        </div>
        <div className="grand-total">
          <dt>{t('claims.valuation.total')}</dt>
          <dd data-total="valuation">{money(shown.totals.total)}</dd>
        </div>
      </dl>
      <FranchiseSplit key={`${shown.version}`} valuation={shown} />
      <Changes valuation={shown} />
    </div>
  );
}
