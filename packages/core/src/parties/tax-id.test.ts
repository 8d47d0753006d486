import { describe, expect, it } from 'vitest';
import { type PersonType, type TaxIdKind, validateTaxId } from './tax-id.ts';

function ok(normalized: string, kind: TaxIdKind, personType: PersonType) {
  return { valid: true, normalized, kind, personType };
}

function bad(reason: string) {
  return { valid: false, reason };
}

describe('validateTaxId: country', () => {
  it('rejects a code that is not ISO 3166-1 alpha-2', () => {
    expect(validateTaxId('123456789', 'XX')).toEqual(bad('Unknown country code "XX"'));
    expect(validateTaxId('123456789', 'ESP')).toEqual(bad('Unknown country code "ESP"'));
    expect(validateTaxId('123456789', '')).toEqual(bad('Unknown country code ""'));
    expect(validateTaxId('123456789', 'UK')).toEqual(bad('Unknown country code "UK"'));
  });

  it('points at GR when given the Greek VAT prefix as a country', () => {
    expect(validateTaxId('094014201', 'EL')).toEqual(
      bad('Unknown country code "EL" (EL is the VAT prefix of Greece; use GR)'),
    );
  });

  it('accepts the country in any case and with surrounding spaces', () => {
    expect(validateTaxId('12345678Z', 'es')).toEqual(ok('12345678Z', 'ES_NIF', 'individual'));
    expect(validateTaxId('123456789', ' de ')).toEqual(ok('DE123456789', 'EU_VAT', 'unknown'));
  });

  it('rejects an id that is empty once separators are removed', () => {
    expect(validateTaxId('', 'ES')).toEqual(bad('Tax id is empty'));
    expect(validateTaxId(' - . / ', 'US')).toEqual(bad('Tax id is empty'));
  });
});

describe('validateTaxId: Spain, NIF (DNI)', () => {
  it.each(['12345678Z', '00000000T', '99999999R'])('accepts %s', (id) => {
    expect(validateTaxId(id, 'ES')).toEqual(ok(id, 'ES_NIF', 'individual'));
  });

  it('names the wrong control letter and the expected one', () => {
    expect(validateTaxId('12345678A', 'ES')).toEqual(
      bad('NIF 12345678A has control letter A; expected Z'),
    );
  });

  it('rejects a DNI without a control letter', () => {
    expect(validateTaxId('123456789', 'ES')).toEqual(
      bad('NIF 123456789 must be 8 digits followed by a control letter'),
    );
  });

  it('rejects the wrong length', () => {
    expect(validateTaxId('1234567Z', 'ES')).toEqual(
      bad('Spanish tax id 1234567Z must have 9 characters (without the ES prefix); it has 8'),
    );
    expect(validateTaxId('ES123456789Z', 'ES')).toEqual(
      bad('Spanish tax id 123456789Z must have 9 characters (without the ES prefix); it has 10'),
    );
  });
});

describe('validateTaxId: Spain, K, L and M NIFs', () => {
  it.each([
    'K0867756N', // published example
    'K1234567L',
    'L1234567L',
    'M1234567L',
  ])('accepts %s, with the letter computed on the 7 digits', (id) => {
    expect(validateTaxId(id, 'ES')).toEqual(ok(id, 'ES_NIF', 'individual'));
  });

  it('names the wrong control letter', () => {
    expect(validateTaxId('K0867756A', 'ES')).toEqual(
      bad('NIF K0867756A has control letter A; expected N'),
    );
    expect(validateTaxId('M1234567Z', 'ES')).toEqual(
      bad('NIF M1234567Z has control letter Z; expected L'),
    );
  });

  it('rejects a malformed K NIF', () => {
    expect(validateTaxId('K12345678', 'ES')).toEqual(
      bad('NIF K12345678 must be K followed by 7 digits and a control letter'),
    );
  });
});

describe('validateTaxId: Spain, NIE', () => {
  it.each([
    ['X1234567L', 'X → 0'],
    ['Y1234567X', 'Y → 1'],
    ['Z1234567R', 'Z → 2'],
  ])('accepts %s (%s)', (id) => {
    expect(validateTaxId(id, 'ES')).toEqual(ok(id, 'ES_NIE', 'individual'));
  });

  it('uses the X/Y/Z value in the control letter', () => {
    // The same digits under another letter need another control letter.
    expect(validateTaxId('X1234567A', 'ES')).toEqual(
      bad('NIE X1234567A has control letter A; expected L'),
    );
    expect(validateTaxId('Y1234567L', 'ES')).toEqual(
      bad('NIE Y1234567L has control letter L; expected X'),
    );
    expect(validateTaxId('Z1234567X', 'ES')).toEqual(
      bad('NIE Z1234567X has control letter X; expected R'),
    );
  });

  it('rejects a malformed NIE', () => {
    expect(validateTaxId('X12345678', 'ES')).toEqual(
      bad('NIE X12345678 must be X, Y or Z followed by 7 digits and a control letter'),
    );
  });
});

describe('validateTaxId: Spain, CIF', () => {
  it.each([
    'A82018474', // published: Telefónica
    'A39000013', // published: Banco Santander
    'A15075062', // published: Inditex
    'B78361482',
    'E12345674',
    'H12345674',
  ])('accepts %s, a digit-control type', (id) => {
    expect(validateTaxId(id, 'ES')).toEqual(ok(id, 'ES_CIF', 'legalEntity'));
  });

  it.each([
    'P2807900B', // published: Ayuntamiento de Madrid
    'Q2826000H', // published: Agencia Tributaria
    'R2800617I',
    'S2833002E',
    'N0071323J',
    'W0184081H',
  ])('accepts %s, a letter-control type', (id) => {
    expect(validateTaxId(id, 'ES')).toEqual(ok(id, 'ES_CIF', 'legalEntity'));
  });

  it.each([
    'C12345674',
    'C1234567D',
    'D12345674',
    'D1234567D',
    'F12345674',
    'F1234567D',
    'G12345674',
    'G1234567D',
    'J99216582',
    'J9921658B',
    'U12345674',
    'U1234567D',
    'V76543214',
    'V7654321D',
  ])('accepts %s, a type where digit and letter are both valid', (id) => {
    expect(validateTaxId(id, 'ES')).toEqual(ok(id, 'ES_CIF', 'legalEntity'));
  });

  it.each([
    ['A8201847D', 'A', '4'],
    ['B7836148B', 'B', '2'],
    ['E1234567D', 'E', '4'],
    ['H1234567D', 'H', '4'],
  ])('rejects %s: type %s takes a control digit', (id, type, expected) => {
    expect(validateTaxId(id, 'ES')).toEqual(
      bad(
        `CIF ${id} has control character ${id[8]}; expected ${expected} (entities of type ${type} use a control digit)`,
      ),
    );
  });

  it.each([
    ['P28079002', 'P', 'B'],
    ['Q28260008', 'Q', 'H'],
    ['R28006179', 'R', 'I'],
    ['S28330025', 'S', 'E'],
    ['N00713230', 'N', 'J'],
    ['W01840818', 'W', 'H'],
  ])('rejects %s: type %s takes a control letter', (id, type, expected) => {
    expect(validateTaxId(id, 'ES')).toEqual(
      bad(
        `CIF ${id} has control character ${id[8]}; expected ${expected} (entities of type ${type} use a control letter)`,
      ),
    );
  });

  it('requires a letter from non-residents (province 00) of a flexible type', () => {
    expect(validateTaxId('G0012345E', 'ES')).toEqual(ok('G0012345E', 'ES_CIF', 'legalEntity'));
    expect(validateTaxId('G00123455', 'ES')).toEqual(
      bad(
        'CIF G00123455 has control character 5; expected E (non-resident entities, province 00, use a control letter)',
      ),
    );
  });

  it('accepts both forms where the non-resident and digit-type rules meet', () => {
    expect(validateTaxId('A00123455', 'ES')).toEqual(ok('A00123455', 'ES_CIF', 'legalEntity'));
    expect(validateTaxId('A0012345E', 'ES')).toEqual(ok('A0012345E', 'ES_CIF', 'legalEntity'));
    expect(validateTaxId('A00123456', 'ES')).toEqual(
      bad('CIF A00123456 has control character 6; expected 5 or E'),
    );
  });

  it('lists both expected forms for a flexible type', () => {
    expect(validateTaxId('J99216583', 'ES')).toEqual(
      bad('CIF J99216583 has control character 3; expected 2 or B'),
    );
    expect(validateTaxId('J9921658Z', 'ES')).toEqual(
      bad('CIF J9921658Z has control character Z; expected 2 or B'),
    );
  });

  it('rejects a malformed CIF', () => {
    expect(validateTaxId('A8201847*', 'ES')).toEqual(
      bad('CIF A8201847* must be a letter followed by 7 digits and a control character'),
    );
    expect(validateTaxId('AB2018474', 'ES')).toEqual(
      bad('CIF AB2018474 must be a letter followed by 7 digits and a control character'),
    );
  });

  it.each(['I', 'O', 'T'])('rejects an id starting with %s', (letter) => {
    const id = `${letter}82018474`;
    expect(validateTaxId(id, 'ES')).toEqual(
      bad(`Spanish tax id ${id} starts with ${letter}, which is not a NIF, NIE or CIF letter`),
    );
  });
});

describe('validateTaxId: Spain, normalisation', () => {
  it.each([
    ['12.345.678-z', '12345678Z', 'ES_NIF'],
    [' 12345678 Z ', '12345678Z', 'ES_NIF'],
    ['ES12345678Z', '12345678Z', 'ES_NIF'],
    ['es-12345678-z', '12345678Z', 'ES_NIF'],
    ['x-1234567-l', 'X1234567L', 'ES_NIE'],
    ['ES B78361482', 'B78361482', 'ES_CIF'],
    ['b-78/361.482', 'B78361482', 'ES_CIF'],
    ['ESN0071323J', 'N0071323J', 'ES_CIF'],
    ['esk0867756n', 'K0867756N', 'ES_NIF'],
  ] as const)('normalises %j to %s', (input, normalized, kind) => {
    const personType = kind === 'ES_CIF' ? 'legalEntity' : 'individual';
    expect(validateTaxId(input, 'ES')).toEqual(ok(normalized, kind, personType));
  });
});

describe('validateTaxId: Mexico, RFC', () => {
  it.each([
    'SAT970701NN3', // published: Servicio de Administración Tributaria
    'PME380607P35', // published: Petróleos Mexicanos
    'CFE370814QI0', // published: Comisión Federal de Electricidad (check digit from 11)
    'EKU9003173C9', // SAT test taxpayer
    'H&E951128469', // SAT test taxpayer, with &
    'ABC9912311GA', // constructed: check digit 10 is A
  ])('accepts %s as a persona moral', (rfc) => {
    expect(validateTaxId(rfc, 'MX')).toEqual(ok(rfc, 'MX_RFC', 'legalEntity'));
  });

  it.each([
    'GODE561231GR8', // SAT's own example
    'CACX7605101P8', // SAT test taxpayer
    'KICR630120NX3', // SAT test taxpayer
    'GOMA850315H6A', // constructed: check digit 10 is A
    'GOMA850315HB0', // constructed: check digit 11 is 0
    'ÑUÑO800101AB4', // constructed: Ñ is worth 38
    'PERA000229ABA', // constructed: 29 February of a year ending 00
  ])('accepts %s as a persona física', (rfc) => {
    expect(validateTaxId(rfc, 'MX')).toEqual(ok(rfc, 'MX_RFC', 'individual'));
  });

  it('accepts the generic RFCs, whose person type is unknown', () => {
    expect(validateTaxId('XAXX010101000', 'MX')).toEqual(ok('XAXX010101000', 'MX_RFC', 'unknown'));
    expect(validateTaxId('XEXX010101000', 'MX')).toEqual(ok('XEXX010101000', 'MX_RFC', 'unknown'));
    expect(validateTaxId('xaxx-010101-000', 'MX')).toEqual(
      ok('XAXX010101000', 'MX_RFC', 'unknown'),
    );
  });

  it('normalises case, spaces, hyphens and decomposed Ñ', () => {
    expect(validateTaxId('gode-561231-gr8', 'MX')).toEqual(
      ok('GODE561231GR8', 'MX_RFC', 'individual'),
    );
    expect(validateTaxId('SAT 970701 NN3', 'MX')).toEqual(
      ok('SAT970701NN3', 'MX_RFC', 'legalEntity'),
    );
    expect(validateTaxId('n\u0303un\u0303o800101ab4', 'MX')).toEqual(
      ok('ÑUÑO800101AB4', 'MX_RFC', 'individual'),
    );
  });

  it('does not enforce the check digit, which SAT’s own sample does not match', () => {
    // SAT's own sample receptor; its digit by módulo 11 would be 6.
    expect(validateTaxId('MCI7306249Y1', 'MX')).toEqual(
      ok('MCI7306249Y1', 'MX_RFC', 'legalEntity'),
    );
    expect(validateTaxId('GODE561231GR9', 'MX')).toEqual(
      ok('GODE561231GR9', 'MX_RFC', 'individual'),
    );
  });

  it.each([
    ['GODE561331GR8', '561331'], // month 13
    ['GODE560010GR8', '560010'], // month 00
    ['GODE560431GR8', '560431'], // 31 April
    ['GODE560100GR8', '560100'], // day 00
    ['GODE010229GR8', '010229'], // 29 February of a common year
    ['SAT970732NN3', '970732'],
  ])('rejects %s for its date %s', (rfc, date) => {
    expect(validateTaxId(rfc, 'MX')).toEqual(
      bad(`RFC ${rfc} has an invalid date ${date} (YYMMDD)`),
    );
  });

  it('rejects the wrong length', () => {
    expect(validateTaxId('GODE561231G', 'MX')).toEqual(
      bad(
        'RFC GODE561231G must have 12 characters (persona moral) or 13 (persona física); it has 11',
      ),
    );
    expect(validateTaxId('GODE561231GR88', 'MX')).toEqual(
      bad(
        'RFC GODE561231GR88 must have 12 characters (persona moral) or 13 (persona física); it has 14',
      ),
    );
  });

  it('rejects a malformed RFC', () => {
    expect(validateTaxId('G0DE561231GR8', 'MX')).toEqual(
      bad('RFC G0DE561231GR8 must be 4 letters, a YYMMDD date and a 3-character homoclave'),
    );
    expect(validateTaxId('SATX70701NN3', 'MX')).toEqual(
      bad('RFC SATX70701NN3 must be 3 letters, a YYMMDD date and a 3-character homoclave'),
    );
    // The last homoclave character is a digit or A.
    expect(validateTaxId('GODE561231GRB', 'MX')).toEqual(
      bad('RFC GODE561231GRB must be 4 letters, a YYMMDD date and a 3-character homoclave'),
    );
  });
});

describe('validateTaxId: other EU member states', () => {
  it.each([
    ['DE', '123456789', 'DE123456789'],
    ['DE', 'DE123456789', 'DE123456789'],
    ['DE', 'de 123 456 789', 'DE123456789'],
    ['AT', 'ATU12345678', 'ATU12345678'],
    ['AT', 'u12345678', 'ATU12345678'],
    ['BE', '0123456789', 'BE0123456789'],
    ['BE', 'BE 1234.567.890', 'BE1234567890'],
    ['BG', '123456789', 'BG123456789'],
    ['BG', '1234567890', 'BG1234567890'],
    ['CY', '12345678X', 'CY12345678X'],
    ['CZ', '12345678', 'CZ12345678'],
    ['CZ', 'CZ1234567890', 'CZ1234567890'],
    ['DK', 'DK 12 34 56 78', 'DK12345678'],
    ['EE', '123456789', 'EE123456789'],
    ['FI', '12345678', 'FI12345678'],
    ['FR', 'FR40303265045', 'FR40303265045'],
    ['FR', '40303265045', 'FR40303265045'],
    ['FR', 'FRK7399859412', 'FRK7399859412'],
    ['FR', 'FRXA123456789', 'FRXA123456789'],
    ['FR', 'FRFR123456789', 'FRFR123456789'],
    ['HR', '12345678901', 'HR12345678901'],
    ['HU', '12345678', 'HU12345678'],
    ['IE', 'IE6388047V', 'IE6388047V'],
    ['IE', '8Z49289F', 'IE8Z49289F'],
    ['IE', '1+23456A', 'IE1+23456A'],
    ['IE', 'IE1234567WA', 'IE1234567WA'],
    ['IT', '12345678901', 'IT12345678901'],
    ['LT', '123456789', 'LT123456789'],
    ['LT', '123456789012', 'LT123456789012'],
    ['LU', '12345678', 'LU12345678'],
    ['LV', '12345678901', 'LV12345678901'],
    ['MT', '12345678', 'MT12345678'],
    ['NL', 'NL123456789B01', 'NL123456789B01'],
    ['NL', '123456789b01', 'NL123456789B01'],
    ['PL', '1234567890', 'PL1234567890'],
    ['PT', '123456789', 'PT123456789'],
    ['RO', '12', 'RO12'],
    ['RO', 'RO1234567890', 'RO1234567890'],
    ['SE', '123456789001', 'SE123456789001'],
    ['SI', '12345678', 'SI12345678'],
    ['SK', '1234567890', 'SK1234567890'],
  ])('%s: accepts %j as %s', (country, input, normalized) => {
    expect(validateTaxId(input, country)).toEqual(ok(normalized, 'EU_VAT', 'unknown'));
  });

  it('uses the EL prefix for Greece, with or without it, and accepts GR written instead', () => {
    const greek = ok('EL094014201', 'EU_VAT', 'unknown');
    expect(validateTaxId('094014201', 'GR')).toEqual(greek);
    expect(validateTaxId('EL094014201', 'GR')).toEqual(greek);
    expect(validateTaxId('el 094 014 201', 'GR')).toEqual(greek);
    expect(validateTaxId('GR094014201', 'GR')).toEqual(greek);
  });

  it('names the expected Greek format with the EL prefix', () => {
    expect(validateTaxId('EL12345678', 'GR')).toEqual(
      bad('VAT number EL12345678 is not valid for GR: expected EL followed by 9 digits'),
    );
  });

  it.each([
    ['DE', 'DE12345678', 'DE followed by 9 digits'],
    ['DE', '1234567890', 'DE followed by 9 digits'],
    ['DE', 'DE12345678X', 'DE followed by 9 digits'],
    ['AT', 'AT12345678', 'AT followed by U and 8 digits'],
    ['BE', 'BE2123456789', 'BE followed by 10 digits starting with 0 or 1'],
    ['BE', '123456789', 'BE followed by 10 digits starting with 0 or 1'],
    ['CY', '123456789', 'CY followed by 8 digits and a letter'],
    [
      'FR',
      'FRIO123456789',
      'FR followed by 2 characters (digits or letters, not I or O) and 9 digits',
    ],
    [
      'FR',
      'FR123456789',
      'FR followed by 2 characters (digits or letters, not I or O) and 9 digits',
    ],
    ['NL', 'NL123456789', 'NL followed by 9 digits, B and 2 digits'],
    ['NL', 'NL123456789A01', 'NL followed by 9 digits, B and 2 digits'],
    ['RO', 'RO1', 'RO followed by 2 to 10 digits'],
    ['RO', 'RO12345678901', 'RO followed by 2 to 10 digits'],
    ['SE', 'SE12345678901', 'SE followed by 12 digits'],
    ['LT', 'LT1234567890', 'LT followed by 9 or 12 digits'],
    [
      'IE',
      'IE123456789',
      'IE followed by 8 characters (a digit, a letter, digit, + or *, 5 digits and a letter) or 9 (7 digits and 2 letters)',
    ],
  ])('%s: rejects %j', (country, input, expected) => {
    const id = input.toUpperCase();
    expect(validateTaxId(input, country)).toEqual(
      bad(`VAT number ${id} is not valid for ${country}: expected ${expected}`),
    );
  });

  it('says so when the number carries another member state prefix', () => {
    expect(validateTaxId('FR40303265045', 'DE')).toEqual(
      bad('VAT number FR40303265045 has the prefix FR, but the country is DE'),
    );
    expect(validateTaxId('EL094014201', 'CY')).toEqual(
      bad('VAT number EL094014201 has the prefix EL, but the country is CY'),
    );
    expect(validateTaxId('ESB78361482', 'PT')).toEqual(
      bad('VAT number ESB78361482 has the prefix ES, but the country is PT'),
    );
  });
});

describe('validateTaxId: other countries', () => {
  it.each([
    ['US', '12-3456789', '123456789'],
    ['GB', 'GB 123 4567 89', 'GB123456789'],
    ['CH', 'CHE-123.456.789', 'CHE123456789'],
    ['AR', '20/12345678/9', '20123456789'],
    ['NO', 'a', 'A'],
    ['JP', '1'.repeat(30), '1'.repeat(30)],
  ])('%s: accepts %j as %s', (country, input, normalized) => {
    expect(validateTaxId(input, country)).toEqual(ok(normalized, 'OTHER', 'unknown'));
  });

  it('rejects more than 30 characters', () => {
    const id = '1'.repeat(31);
    expect(validateTaxId(id, 'US')).toEqual(
      bad(`Tax id ${id} for US must be 1 to 30 letters or digits`),
    );
  });

  it('rejects characters other than letters and digits', () => {
    expect(validateTaxId('AB_123', 'US')).toEqual(
      bad('Tax id AB_123 for US must be 1 to 30 letters or digits'),
    );
    expect(validateTaxId('ÑANDÚ1', 'AR')).toEqual(
      bad('Tax id ÑANDÚ1 for AR must be 1 to 30 letters or digits'),
    );
  });
});
