import { FieldError, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { isLanguage } from '../../i18n/language.ts';
import { EmptyState } from '../../ui/states.tsx';
import { catalogPrice } from './catalog-parts.tsx';
import type { Entry } from './prices.ts';
import type { Product } from './queries.ts';

/** A price field per product, beside its catalog price. */
export function PriceTable({ products, prices }: { products: Product[]; prices: Entry[] }) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'es';
  if (products.length === 0) return <EmptyState>{t('catalog.priceTable.noProducts')}</EmptyState>;
  const current = new Map(prices.map((p) => [p.productId, p.unitPrice]));
  return (
    <fieldset className="field-group">
      <legend>{t('catalog.priceTable.legend')}</legend>
      <p className="hint">{t('catalog.priceTable.hint')}</p>
      <table className="table prices">
        <thead>
          <tr>
            <th scope="col">{t('catalog.product.columns.description')}</th>
            <th scope="col">{t('catalog.product.columns.price')}</th>
          </tr>
        </thead>
        <tbody>
          {products.map((p) => (
            <tr key={p.id}>
              <td>
                <span className="mono">{p.code}</span> {p.description}
                <br />
                <span className="muted">
                  {t('catalog.priceTable.catalogPrice', {
                    price: catalogPrice(p, language),
                  })}
                </span>
              </td>
              <td>
                <TextField
                  className="field"
                  name={`prices.${p.id}`}
                  defaultValue={current.get(p.id) ?? ''}
                  inputMode="decimal"
                >
                  <Label className="visually-hidden">
                    {t('catalog.priceTable.price', { product: p.description })}
                  </Label>
                  <Input className="input" />
                  <FieldError className="field-error" />
                </TextField>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}
