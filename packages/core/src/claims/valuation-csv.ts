import { type FieldError, ValidationError } from '../errors.ts';
import type { ValuationInput, ValuationLine } from './model.ts';

/**
 * What a CSV valuation cannot say in its rows, given beside it (the route's query parameters):
 * the appraiser's version, the franchise, and the one tax of every line.
 */
export interface ValuationCsvParams {
  version: number;
  franchise: string;
  taxRate: string;
  /** IVA unless given (IGIC in the Canary Islands). */
  taxType?: 'IVA' | 'IGIC';
  currency?: string;
  appraiser?: string;
  appraisalReference?: string;
  date?: string;
}

/** The columns, in any order; the first two and the amounts are required. */
export const VALUATION_CSV_COLUMNS = [
  'kind',
  'description',
  'quantity',
  'unitPrice',
  'category',
  'reference',
  'discountRate',
] as const;
type Column = (typeof VALUATION_CSV_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['kind', 'description', 'quantity', 'unitPrice'];
const AMOUNTS: readonly Column[] = ['quantity', 'unitPrice', 'discountRate'];

/** The most rows one valuation holds (see MAX_VALUATION_LINES): a bigger file is refused early. */
const MAX_ROWS = 1000;

/**
 * The records of CSV text (RFC 4180: fields in double quotes may hold the delimiter, line breaks
 * and `""` for a quote), each with the number of the file line it starts on. Blank lines are
 * skipped.
 */
export function csvRecords(text: string, delimiter: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let touched = false;
  const endRecord = () => {
    fields.push(field);
    if (touched || fields.length > 1 || field !== '') records.push({ line: start, fields });
    fields = [];
    field = '';
    touched = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      touched = true;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += c;
  }
  if (quoted) throw csvError('csv', `A quoted field opened on line ${start} never closes`);
  endRecord();
  return records;
}

const csvError = (path: string, message: string) =>
  new ValidationError(`Invalid CSV valuation: ${message}`, [{ path, message }]);

/**
 * Reads a valuation sent as CSV: a header row naming the columns (see VALUATION_CSV_COLUMNS, any
 * order, case and blanks ignored), then one line per row. The delimiter is a comma, or a
 * semicolon when the header has semicolons (a spreadsheet in Spanish), and then amounts may use a
 * decimal comma. Row N of the data is `lines.N` in errors, so CSV and JSON problems read alike;
 * the amounts' format is checked after, by the same schema as JSON's. Rows of empty cells are
 * skipped, as blank lines are.
 */
export function readValuationCsv(text: string, params: ValuationCsvParams): ValuationInput {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') ? ';' : ',';
  // A spreadsheet saves rows it once touched as bare delimiters (";;;;"): no line, like blank ones.
  const [header, ...rows] = csvRecords(body, delimiter).filter(
    (r, i) => i === 0 || r.fields.some((f) => f.trim() !== ''),
  );
  if (!header) throw csvError('csv', 'Empty: send a header row and one row per line');
  const columns = header.fields.map((h) => h.trim().toLowerCase());
  const index = new Map<Column, number>();
  const errors: FieldError[] = [];
  columns.forEach((name, i) => {
    const column = VALUATION_CSV_COLUMNS.find((c) => c.toLowerCase() === name);
    if (!column) errors.push({ path: `csv.header.${i}`, message: `Unknown column "${name}"` });
    else if (index.has(column))
      errors.push({ path: `csv.header.${i}`, message: `"${name}" twice` });
    else index.set(column, i);
  });
  for (const column of REQUIRED) {
    if (!index.has(column)) errors.push({ path: 'csv.header', message: `No "${column}" column` });
  }
  if (errors.length) throw new ValidationError('Invalid CSV header', errors);
  if (rows.length === 0) throw csvError('lines', 'No rows after the header');
  if (rows.length > MAX_ROWS) throw csvError('lines', `At most ${MAX_ROWS} rows`);
  const lines = rows.map(({ line, fields }, n) => {
    if (fields.length !== columns.length) {
      errors.push({
        path: `lines.${n}`,
        message: `Line ${line} of the file has ${fields.length} fields, the header ${columns.length}`,
      });
    }
    const cell = (column: Column) => {
      const i = index.get(column);
      const value = i === undefined ? undefined : fields[i]?.trim();
      if (!value) return undefined;
      return delimiter === ';' && AMOUNTS.includes(column) && /^-?\d+,\d+$/.test(value)
        ? value.replace(',', '.')
        : value;
    };
    const category = cell('category');
    const reference = cell('reference');
    const discountRate = cell('discountRate');
    // Unchecked here: the route's schema checks kinds, amounts and categories as for JSON.
    return {
      kind: cell('kind')?.toLowerCase(),
      description: cell('description'),
      quantity: cell('quantity'),
      unitPrice: cell('unitPrice'),
      ...(category ? { category: category.toLowerCase() } : {}),
      ...(reference ? { reference } : {}),
      ...(discountRate ? { discountRate } : {}),
    } as ValuationLine;
  });
  if (errors.length) throw new ValidationError('Invalid CSV rows', errors);
  return {
    version: params.version,
    lines,
    franchise: params.franchise,
    taxes: [{ type: params.taxType ?? 'IVA', rate: params.taxRate }],
    ...(params.currency ? { currency: params.currency } : {}),
    ...(params.appraiser || params.appraisalReference
      ? {
          appraiser: {
            ...(params.appraiser ? { name: params.appraiser } : {}),
            ...(params.appraisalReference ? { reference: params.appraisalReference } : {}),
          },
        }
      : {}),
    ...(params.date ? { date: params.date } : {}),
  };
}
