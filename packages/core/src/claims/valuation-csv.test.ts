import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { csvRecords, readValuationCsv } from './valuation-csv.ts';

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '../../../../test/fixtures/claims', name), 'utf8');
const params = { version: 1, franchise: '300.00', taxRate: '21' };

const problems = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e.errors;
    throw e;
  }
  throw new Error('No ValidationError');
};

describe('csvRecords', () => {
  it('reads quoted fields with delimiters, quotes and line breaks, and skips blank lines', () => {
    const text = 'a,b\r\n"x, y","say ""hi"""\n\n"two\nlines",\n';
    expect(csvRecords(text, ',')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 4, fields: ['two\nlines', ''] },
    ]);
  });

  it('refuses a quote that never closes, naming the line it opened on', () => {
    expect(problems(() => csvRecords('a\n"open,\nmore', ','))).toEqual([
      { path: 'csv', message: 'A quoted field opened on line 2 never closes' },
    ]);
  });
});

describe('readValuationCsv', () => {
  it('reads the sample: one line per row, the version, franchise and tax from the parameters', () => {
    const input = readValuationCsv(fixture('valuation-v1.csv'), {
      ...params,
      appraiser: 'Peritaciones Levante',
      appraisalReference: 'PER-55',
      date: '2026-12-01',
    });
    expect(input).toEqual({
      version: 1,
      franchise: '300.00',
      taxes: [{ type: 'IVA', rate: '21' }],
      appraiser: { name: 'Peritaciones Levante', reference: 'PER-55' },
      date: '2026-12-01',
      lines: [
        {
          kind: 'part',
          description: 'Paragolpes delantero',
          quantity: '1',
          unitPrice: '245.50',
          reference: '7701474511',
          discountRate: '10',
        },
        {
          kind: 'labour',
          description: 'Desmontar y montar paragolpes',
          quantity: '1.5',
          unitPrice: '42.00',
          category: 'bodywork',
          reference: 'OP-1201',
        },
        {
          kind: 'paint',
          description: 'Pintar paragolpes, dos capas',
          quantity: '2.2',
          unitPrice: '45.00',
          category: 'paint',
          reference: 'OP-3100',
        },
        {
          kind: 'material',
          description: 'Materiales de pintura',
          quantity: '1',
          unitPrice: '86.40',
        },
      ],
    });
  });

  it('takes a semicolon-separated file with decimal commas, any header case and a BOM', () => {
    const input = readValuationCsv(`\uFEFF${fixture('valuation-v2-es.csv')}`, {
      ...params,
      version: 2,
      taxType: 'IGIC',
      taxRate: '7',
    });
    expect(input.taxes).toEqual([{ type: 'IGIC', rate: '7' }]);
    expect(input.lines.map((l) => [l.quantity, l.unitPrice])).toEqual([
      ['1', '259.90'],
      ['1.5', '42'],
      ['2.2', '45'],
      ['2', '18.75'],
    ]);
    // A comma in a text column of a semicolon file is text, not a decimal point.
    expect(input.lines[2]!.description).toBe('Pintar paragolpes, dos capas');
  });

  it('skips rows of empty cells, as a spreadsheet leaves them after the last line', () => {
    const text = 'kind;description;quantity;unitPrice\npart;Faro;1;80\n;;;\n ; ;;\n';
    expect(readValuationCsv(text, params).lines).toHaveLength(1);
  });

  it('takes the columns in any order, the optional ones left out', () => {
    const input = readValuationCsv(
      'unitPrice,kind,quantity,description\n10,part,2,Tornillo\n',
      params,
    );
    expect(input.lines).toEqual([
      { kind: 'part', description: 'Tornillo', quantity: '2', unitPrice: '10' },
    ]);
  });

  it('names unknown, repeated and missing columns of the header', () => {
    expect(
      problems(() => readValuationCsv('kind,description,price,kind\npart,x,1,part\n', params)),
    ).toEqual([
      { path: 'csv.header.2', message: 'Unknown column "price"' },
      { path: 'csv.header.3', message: '"kind" twice' },
      { path: 'csv.header', message: 'No "quantity" column' },
      { path: 'csv.header', message: 'No "unitPrice" column' },
    ]);
  });

  it('names a row with too few or too many fields as its line of the valuation', () => {
    const text = 'kind,description,quantity,unitPrice\npart,a,1,2\n\npart,b,1\npart,c,1,2,3\n';
    expect(problems(() => readValuationCsv(text, params))).toEqual([
      { path: 'lines.1', message: 'Line 4 of the file has 3 fields, the header 4' },
      { path: 'lines.2', message: 'Line 5 of the file has 5 fields, the header 4' },
    ]);
  });

  it('refuses an empty file and a header without rows', () => {
    expect(problems(() => readValuationCsv('', params))).toEqual([
      { path: 'csv', message: 'Empty: send a header row and one row per line' },
    ]);
    expect(
      problems(() => readValuationCsv('kind,description,quantity,unitPrice\n', params)),
    ).toEqual([{ path: 'lines', message: 'No rows after the header' }]);
  });
});
