import { Button, FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { formatMoney, isLanguage, type Language } from '../../i18n/index.ts';
import { DeferredOptionSelect } from '../../ui/deferred-option-select.tsx';
import type { SelectOption } from '../../ui/option-select.tsx';
import { decimalToInput } from './decimal.ts';
import {
  emptyLine,
  emptyMexicanLine,
  FROM_CATALOG,
  type LineDraft,
  mexicanLineOfProduct,
  parseTaxKey,
  TYPED,
} from './line-drafts.ts';
import { MX_IEPS, MX_IVA, MX_WITHHOLDINGS, NO_TAX, TAX_OBJECTS } from './mexico.ts';
import type { Product } from './queries.ts';

function DecimalField({
  name,
  label,
  value,
  onChange,
  description,
  isRequired,
  className,
}: {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  description?: string;
  isRequired?: boolean;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      className={`field ${className ?? ''}`}
      name={name}
      value={value}
      onChange={onChange}
      isRequired={isRequired}
      inputMode="decimal"
    >
      <Label>
        {label} {isRequired ? null : <span className="optional">{t('form.optional')}</span>}
      </Label>
      <Input className="input" />
      {description ? <Text slot="description">{description}</Text> : null}
      <FieldError className="field-error" />
    </TextField>
  );
}

/**
 * The lines of a draft (or of a corrective): each from the catalog or typed, with quantity,
 * price, discount, tax and withholding. It shows each line's amount only as the API computed it
 * (`nets`, when the lines are saved as shown).
 */
export function LinesEditor({
  prefix,
  lines,
  onChange,
  products,
  nets,
  currency = 'EUR',
  mexico = false,
}: {
  prefix: string;
  lines: LineDraft[];
  onChange: (lines: LineDraft[]) => void;
  products: readonly Product[];
  nets?: readonly string[] | undefined;
  currency?: string;
  /** A Mexican invoice's lines: Mexican taxes, ObjetoImp and SAT's keys. */
  mexico?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language: Language = isLanguage(i18n.language) ? i18n.language : 'es';
  const e = (key: string, options?: Record<string, unknown>) =>
    t(`invoices.editor.${key}` as 'invoices.editor.line', options as { n: number });
  const set = (index: number, change: Partial<LineDraft>) =>
    onChange(lines.map((l, i) => (i === index ? { ...l, ...change } : l)));

  const productOptions: SelectOption[] = [
    { id: TYPED, label: e('typed') },
    ...products.map((p) => ({ id: p.id, label: `${p.code} · ${p.description}` })),
  ];
  const taxLabel = (key: string) => {
    if (key === FROM_CATALOG) return e('taxFromCatalog');
    if (key === 'IVA:0:E1') return e('exempt');
    const tax = parseTaxKey(key);
    return `${e('taxOption', { type: tax.type, rate: decimalToInput(tax.rate, language) })}${tax.exemption || tax.notSubject ? ` (${tax.exemption ?? tax.notSubject})` : ''}`;
  };
  const taxOptions = (line: LineDraft): SelectOption[] => {
    const keys = [
      ...(line.productId ? [FROM_CATALOG] : []),
      'IVA:21',
      'IVA:10',
      'IVA:4',
      'IVA:0:E1',
      'IGIC:7',
    ];
    if (!keys.includes(line.tax)) keys.push(line.tax);
    return keys.map((id) => ({ id, label: taxLabel(id) }));
  };
  const withholdingOptions = (line: LineDraft): SelectOption[] => {
    const keys = ['', 'IRPF:15', 'IRPF:7', 'IRPF:19'];
    if (!keys.includes(line.withholding)) keys.push(line.withholding);
    return keys.map((id) => ({
      id,
      label: id ? taxLabel(id) : e('noWithholding'),
    }));
  };

  const m = (key: string, options?: Record<string, unknown>) =>
    t(`invoices.mexico.${key}` as 'invoices.mexico.ieps', options as { rate: string });
  const rateText = (rate: string) => decimalToInput(rate, language);
  const keep = (keys: string[], current: string) =>
    keys.includes(current) ? keys : [...keys, current];
  const withholdingLabel = (key: string) =>
    key
      ? key
          .split('+')
          .map((part) => {
            const [type, rate = ''] = part.split(':');
            return m(type === 'ISR' ? 'isrOption' : 'ivaWithheldOption', { rate: rateText(rate) });
          })
          .join(' + ')
      : m('noWithholding');
  const mexicanFields = (line: LineDraft, index: number, name: (field: string) => string) => {
    const mx = line.mexico;
    if (!mx) return null;
    const setMx = (change: Partial<typeof mx>) => set(index, { mexico: { ...mx, ...change } });
    return (
      <>
        <DeferredOptionSelect
          name={name('taxObject')}
          label={m('taxObject')}
          options={TAX_OBJECTS.map((id) => ({ id, label: m(`taxObjects.${id}`) }))}
          value={mx.taxObject}
          className="span-2"
          onChange={(taxObject) => setMx({ taxObject })}
        />
        {mx.taxObject === '02' ? (
          <>
            <DeferredOptionSelect
              name={name('taxes')}
              label={m('iva')}
              options={keep([...MX_IVA, NO_TAX], line.tax).map((id) => ({
                id,
                label: m(`ivaOptions.${id}`, { defaultValue: `IVA ${rateText(id)} %` }),
              }))}
              value={line.tax}
              onChange={(tax) => set(index, { tax })}
            />
            <DeferredOptionSelect
              name={name('ieps')}
              label={m('ieps')}
              options={keep(['', ...MX_IEPS], mx.ieps).map((id) => ({
                id,
                label: id ? m('iepsOption', { rate: rateText(id) }) : m('noIeps'),
              }))}
              value={mx.ieps}
              onChange={(ieps) => setMx({ ieps })}
            />
            <DeferredOptionSelect
              name={name('withholding')}
              label={m('withholding')}
              options={keep(MX_WITHHOLDINGS, line.withholding).map((id) => ({
                id,
                label: withholdingLabel(id),
              }))}
              value={line.withholding}
              onChange={(withholding) => set(index, { withholding })}
            />
          </>
        ) : null}
        <TextField
          className="field"
          name={name('satProductKey')}
          value={mx.satProductKey}
          onChange={(satProductKey) => setMx({ satProductKey })}
          inputMode="numeric"
        >
          <Label>
            {m('satProductKey')} <span className="optional">{t('form.optional')}</span>
          </Label>
          <Input className="input" />
          {line.productId ? <Text slot="description">{m('satKeyHint')}</Text> : null}
          <FieldError className="field-error" />
        </TextField>
        <TextField
          className="field"
          name={name('satUnitKey')}
          value={mx.satUnitKey}
          onChange={(satUnitKey) => setMx({ satUnitKey })}
        >
          <Label>
            {m('satUnitKey')} <span className="optional">{t('form.optional')}</span>
          </Label>
          <Input className="input" />
          {line.productId ? <Text slot="description">{m('satKeyHint')}</Text> : null}
          <FieldError className="field-error" />
        </TextField>
      </>
    );
  };

  return (
    <div className="invoice-lines">
      {lines.map((line, index) => {
        const name = (field: string) => `${prefix}.${index}.${field}`;
        const net = nets?.[index];
        return (
          <fieldset key={line.key} className="invoice-line">
            <legend>{e('line', { n: index + 1 })}</legend>
            <div className="invoice-line-grid">
              <DeferredOptionSelect
                name={name('productId')}
                label={e('product')}
                options={productOptions}
                value={line.productId}
                className="span-2"
                onChange={(productId) =>
                  mexico
                    ? set(
                        index,
                        mexicanLineOfProduct(
                          line,
                          products.find((p) => p.id === productId),
                        ),
                      )
                    : set(index, {
                        productId,
                        // A product brings its own taxes and price unless the line says otherwise.
                        ...(productId
                          ? { tax: FROM_CATALOG, unitPrice: '', description: '' }
                          : line.tax === FROM_CATALOG
                            ? { tax: 'IVA:21' }
                            : {}),
                      })
                }
              />
              <TextField
                className="field span-2"
                name={name('description')}
                value={line.description}
                onChange={(description) => set(index, { description })}
                isRequired={!line.productId}
              >
                <Label>
                  {e('description')}{' '}
                  {line.productId ? <span className="optional">{t('form.optional')}</span> : null}
                </Label>
                <Input className="input" />
                {line.productId ? (
                  <Text slot="description">{e('descriptionFromCatalog')}</Text>
                ) : null}
                <FieldError className="field-error" />
              </TextField>
              <DecimalField
                name={name('quantity')}
                label={e('quantity')}
                value={line.quantity}
                onChange={(quantity) => set(index, { quantity })}
                isRequired
              />
              <DecimalField
                name={name('unitPrice')}
                label={currency === 'EUR' ? e('unitPrice') : m('unitPrice', { currency })}
                value={line.unitPrice}
                onChange={(unitPrice) => set(index, { unitPrice })}
                isRequired={!line.productId}
                {...(line.productId ? { description: e('unitPriceFromCatalog') } : {})}
              />
              <DecimalField
                name={name('discountRate')}
                label={e('discount')}
                value={line.discountRate}
                onChange={(discountRate) => set(index, { discountRate })}
              />
              {line.mexico ? (
                mexicanFields(line, index, name)
              ) : (
                <>
                  <DeferredOptionSelect
                    name={name('taxes')}
                    label={e('tax')}
                    options={taxOptions(line)}
                    value={line.tax}
                    onChange={(tax) => set(index, { tax })}
                  />
                  <DeferredOptionSelect
                    name={name('withholding')}
                    label={e('withholding')}
                    options={withholdingOptions(line)}
                    value={line.withholding}
                    onChange={(withholding) => set(index, { withholding })}
                  />
                </>
              )}
            </div>
            <div className="invoice-line-footer">
              {net !== undefined ? (
                <output className="line-net" data-line-net="">
                  {t('invoices.view.net')}: <strong>{formatMoney(net, currency, language)}</strong>
                </output>
              ) : (
                <span />
              )}
              {lines.length > 1 ? (
                <Button
                  className="button secondary compact"
                  onPress={() => onChange(lines.filter((_, i) => i !== index))}
                >
                  {e('removeLine', { n: index + 1 })}
                </Button>
              ) : null}
            </div>
          </fieldset>
        );
      })}
      <div>
        <Button
          className="button secondary"
          onPress={() => onChange([...lines, mexico ? emptyMexicanLine() : emptyLine()])}
        >
          {e('addLine')}
        </Button>
      </div>
    </div>
  );
}
