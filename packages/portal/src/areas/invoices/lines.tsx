import { Button, FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/index.ts';
import { formatMoney, isLanguage, type Language } from '../../i18n/index.ts';
import { OptionSelect, type SelectOption } from '../../ui/option-select.tsx';
import { decimalFromInput, decimalToInput } from './decimal.ts';
import type { Invoice, Product } from './queries.ts';

type Tax = components['schemas']['TaxInput'];
type LineInput = components['schemas']['LineInput'];

/** The product's own taxes (only a line taken from the catalog offers it). */
export const FROM_CATALOG = 'catalog';
const TYPED = '';

/** A line as the editor holds it: what was typed, in the reader's notation. */
export interface LineDraft {
  key: number;
  productId: string;
  description: string;
  quantity: string;
  unitPrice: string;
  discountRate: string;
  /** `IVA:21`, `IVA:0:E1`… or FROM_CATALOG. */
  tax: string;
  /** `IRPF:15`… or '' for none. */
  withholding: string;
  unit?: string;
  /** Taxes the editor does not offer (an equivalence surcharge) kept as they came. */
  extra: Tax[];
}

let nextKey = 1;
export const emptyLine = (): LineDraft => ({
  key: nextKey++,
  productId: TYPED,
  description: '',
  quantity: '1',
  unitPrice: '',
  discountRate: '',
  tax: 'IVA:21',
  withholding: '',
  extra: [],
});

const taxKey = (tax: Tax) =>
  [tax.type, tax.rate, tax.exemption ?? tax.notSubject ?? ''].filter(Boolean).join(':');
const parseTaxKey = (key: string): Tax => {
  const [type, rate, code] = key.split(':') as [Tax['type'], string, string | undefined];
  return {
    type,
    rate,
    ...(code?.startsWith('E') ? { exemption: code as Tax['exemption'] } : {}),
    ...(code?.startsWith('N') ? { notSubject: code as Tax['notSubject'] } : {}),
  };
};

/** A line as the API gave it back, for editing again. */
export function lineFromInvoice(line: Invoice['lines'][number], language: Language): LineDraft {
  const main = line.taxes.find((t) => t.type === 'IVA' || t.type === 'IGIC');
  const irpf = line.taxes.find((t) => t.type === 'IRPF');
  return {
    key: nextKey++,
    productId: line.productId ?? TYPED,
    description: line.description,
    quantity: decimalToInput(line.quantity, language),
    unitPrice: decimalToInput(line.unitPrice, language),
    discountRate: decimalToInput(line.discountRate, language),
    tax: main ? taxKey(main) : FROM_CATALOG,
    withholding: irpf ? taxKey(irpf) : '',
    ...(line.unit ? { unit: line.unit } : {}),
    extra: line.taxes.filter((t) => t !== main && t !== irpf),
  };
}

/**
 * A line as the API's body: empty fields are left out, so a catalog line takes the price the API
 * picks for the customer (its own price, its tariff, the catalog) and the product's description.
 */
export function lineToBody(
  line: LineDraft,
  products: readonly Product[],
  language: Language,
): LineInput {
  const decimal = (text: string) => (text.trim() ? decimalFromInput(text, language) : undefined);
  const product = products.find((p) => p.id === line.productId);
  const withholding = line.withholding ? [parseTaxKey(line.withholding)] : [];
  let taxes: Tax[] | undefined;
  if (line.tax === FROM_CATALOG) {
    // Only a withholding changes the product's taxes; otherwise the API takes them as they are.
    if (withholding.length > 0 && product)
      taxes = [...product.taxes.filter((t) => t.type !== 'IRPF'), ...withholding];
  } else {
    taxes = [parseTaxKey(line.tax), ...line.extra, ...withholding];
  }
  const quantity = decimal(line.quantity);
  const unitPrice = decimal(line.unitPrice);
  const discountRate = decimal(line.discountRate);
  return {
    ...(line.productId ? { productId: line.productId } : {}),
    ...(line.description.trim() ? { description: line.description.trim() } : {}),
    // Missing, the schema says "required" beside the field.
    quantity: quantity as string,
    ...(unitPrice ? { unitPrice } : {}),
    ...(discountRate ? { discountRate } : {}),
    ...(line.unit ? { unit: line.unit } : {}),
    ...(taxes ? { taxes } : {}),
  };
}

/** The field names of the lines, for placing the API's errors. */
export function lineFieldNames(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    ['productId', 'description', 'quantity', 'unitPrice', 'discountRate', 'taxes'].map(
      (f) => `${prefix}.${i}.${f}`,
    ),
  ).flat();
}

/**
 * Places each problem on the field it names: the field itself, the nearest field it is inside
 * (`lines.0.taxes.0.rate` → `lines.0.taxes`), or the first field of the object it names
 * (`lines.0` → `lines.0.productId`); the rest are not placed.
 */
export function placeProblems(
  problems: readonly { path: string; message: string }[],
  fields: readonly string[],
): { byField: Record<string, string>; unplaced: { path: string; message: string }[] } {
  const byField: Record<string, string> = {};
  const unplaced: { path: string; message: string }[] = [];
  for (const { path, message } of problems) {
    const field =
      fields.find((f) => f === path) ??
      fields.filter((f) => path.startsWith(`${f}.`)).sort((a, b) => b.length - a.length)[0] ??
      fields.find((f) => f.startsWith(`${path}.`));
    if (!field) unplaced.push({ path, message });
    else byField[field] = byField[field] ? `${byField[field]} ${message}` : message;
  }
  return { byField, unplaced };
}

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
}: {
  prefix: string;
  lines: LineDraft[];
  onChange: (lines: LineDraft[]) => void;
  products: readonly Product[];
  nets?: readonly string[] | undefined;
  currency?: string;
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

  return (
    <div className="invoice-lines">
      {lines.map((line, index) => {
        const name = (field: string) => `${prefix}.${index}.${field}`;
        const net = nets?.[index];
        return (
          <fieldset key={line.key} className="invoice-line">
            <legend>{e('line', { n: index + 1 })}</legend>
            <div className="invoice-line-grid">
              <OptionSelect
                name={name('productId')}
                label={e('product')}
                options={productOptions}
                value={line.productId}
                className="span-2"
                onChange={(productId) =>
                  set(index, {
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
                label={e('unitPrice')}
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
              <OptionSelect
                name={name('taxes')}
                label={e('tax')}
                options={taxOptions(line)}
                value={line.tax}
                onChange={(tax) => set(index, { tax })}
              />
              <OptionSelect
                name={name('withholding')}
                label={e('withholding')}
                options={withholdingOptions(line)}
                value={line.withholding}
                onChange={(withholding) => set(index, { withholding })}
              />
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
        <Button className="button secondary" onPress={() => onChange([...lines, emptyLine()])}>
          {e('addLine')}
        </Button>
      </div>
    </div>
  );
}
