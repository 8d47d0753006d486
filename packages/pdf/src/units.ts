import type { Language } from './model.ts';

/**
 * The unit printed after a line's quantity ("2 h", "1,5 kg", "3 cajas"). Lines carry a Facturae
 * UnitOfMeasure code ("01"–"36", the default "01" being plain units) or the unit as the business
 * wrote it. Measures print as their SI symbols, the same in every language; containers and counts
 * print as words in the invoice language, singular for exactly one. Plain units and "05" (other)
 * print nothing: a bare number already says "this many". A unit that is not a code nor a known
 * name prints as written, since that is the word the business chose.
 */

const SYMBOLS: Readonly<Record<string, string>> = {
  '02': 'h',
  '03': 'kg',
  '04': 'l',
  '15': 'cl',
  '16': 'cm',
  '21': 'g',
  '22': 'km',
  '25': 'm',
  '26': 'mm',
  '33': 'm³',
  '34': 's',
  '35': 'W',
  '36': 'kWh',
};

/** Codes printed as words; every language must name all of them (a gap is a type error). */
type CountCode =
  | '06'
  | '07'
  | '08'
  | '09'
  | '10'
  | '11'
  | '12'
  | '13'
  | '14'
  | '17'
  | '18'
  | '19'
  | '20'
  | '23'
  | '24'
  | '27'
  | '28'
  | '29'
  | '30'
  | '31'
  | '32';

/** Singular and plural. */
type Word = readonly [one: string, many: string];

const WORDS: Readonly<Record<Language, Readonly<Record<CountCode, Word>>>> = {
  es: {
    '06': ['caja', 'cajas'],
    '07': ['bandeja', 'bandejas'],
    '08': ['barril', 'barriles'],
    '09': ['bidón', 'bidones'],
    '10': ['bolsa', 'bolsas'],
    '11': ['bombona', 'bombonas'],
    '12': ['botella', 'botellas'],
    '13': ['bote', 'botes'],
    '14': ['tetra brik', 'tetra briks'],
    '17': ['cubo', 'cubos'],
    '18': ['docena', 'docenas'],
    '19': ['estuche', 'estuches'],
    '20': ['garrafa', 'garrafas'],
    '23': ['lata', 'latas'],
    '24': ['manojo', 'manojos'],
    '27': ['pack de 6', 'packs de 6'],
    '28': ['paquete', 'paquetes'],
    '29': ['ración', 'raciones'],
    '30': ['rollo', 'rollos'],
    '31': ['sobre', 'sobres'],
    '32': ['tarrina', 'tarrinas'],
  },
  ca: {
    '06': ['caixa', 'caixes'],
    '07': ['safata', 'safates'],
    '08': ['barril', 'barrils'],
    '09': ['bidó', 'bidons'],
    '10': ['bossa', 'bosses'],
    '11': ['bombona', 'bombones'],
    '12': ['ampolla', 'ampolles'],
    '13': ['pot', 'pots'],
    '14': ['tetra brik', 'tetra briks'],
    '17': ['galleda', 'galledes'],
    '18': ['dotzena', 'dotzenes'],
    '19': ['estoig', 'estoigs'],
    '20': ['garrafa', 'garrafes'],
    '23': ['llauna', 'llaunes'],
    '24': ['manat', 'manats'],
    '27': ['pack de 6', 'packs de 6'],
    '28': ['paquet', 'paquets'],
    '29': ['ració', 'racions'],
    '30': ['rotlle', 'rotlles'],
    '31': ['sobre', 'sobres'],
    '32': ['terrina', 'terrines'],
  },
  en: {
    '06': ['box', 'boxes'],
    '07': ['tray', 'trays'],
    '08': ['barrel', 'barrels'],
    '09': ['jerrycan', 'jerrycans'],
    '10': ['bag', 'bags'],
    '11': ['cylinder', 'cylinders'],
    '12': ['bottle', 'bottles'],
    '13': ['jar', 'jars'],
    '14': ['carton', 'cartons'],
    '17': ['bucket', 'buckets'],
    '18': ['dozen', 'dozen'],
    '19': ['case', 'cases'],
    '20': ['jug', 'jugs'],
    '23': ['can', 'cans'],
    '24': ['bunch', 'bunches'],
    '27': ['6-pack', '6-packs'],
    '28': ['pack', 'packs'],
    '29': ['portion', 'portions'],
    '30': ['roll', 'rolls'],
    '31': ['envelope', 'envelopes'],
    '32': ['tub', 'tubs'],
  },
};

/**
 * Unit names a line may carry instead of a code, read the way the Facturae builder reads them
 * (so the PDF and the e-invoice agree on what "h" or "litros" means).
 */
const NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries({
    '01': ['u', 'ud', 'uds', 'unidad', 'unidades', 'unitat', 'unitats', 'unit', 'units'],
    '02': ['h', 'hr', 'hora', 'horas', 'hores', 'hour', 'hours'],
    '03': ['kg', 'kilo', 'kilos'],
    '04': ['l', 'litro', 'litros', 'litre', 'litres'],
  }).flatMap(([code, names]) => names.map((name) => [name, code])),
);

const CODE = /^(0[1-9]|[12]\d|3[0-6])$/;

/** True for a quantity of exactly one (or minus one, a credited one). */
const isOne = (quantity: string): boolean => /^[+-]?0*1(\.0*)?$/.test(quantity.trim());

/** The unit to print after `quantity`, or '' when the bare number says it all. */
export function unitLabel(unit: string | undefined, quantity: string, lang: Language): string {
  const written = unit?.trim() ?? '';
  if (written === '') return '';
  const code = CODE.test(written) ? written : NAMES[written.toLowerCase().replace(/\.$/, '')];
  if (code === undefined) return written;
  const symbol = SYMBOLS[code];
  if (symbol) return symbol;
  const word = (WORDS[lang] as Readonly<Record<string, Word>>)[code];
  if (!word) return '';
  return isOne(quantity) ? word[0] : word[1];
}
