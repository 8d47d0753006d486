import type { FieldError } from '../errors.ts';

/**
 * A unit of DIR3, the Spanish administration's common directory of organic units and offices
 * (Directorio Común de Unidades Orgánicas y Oficinas). Its code is what FACe routes an invoice by;
 * the name is printed for people.
 */
export interface Dir3Unit {
  code: string;
  name?: string;
}

/**
 * The three units a Spanish public administration receives an invoice through: the accounting
 * office that books it, the managing body it is addressed
 * to and the processing unit that handles it. FACe refuses an invoice without all three; the
 * Facturae carries them as the buyer's AdministrativeCentres with roles 01, 02 and 03.
 */
export interface Dir3Units {
  /** Oficina contable (RoleTypeCode 01). */
  accountingOffice: Dir3Unit;
  /** Órgano gestor (RoleTypeCode 02). */
  managementBody: Dir3Unit;
  /** Unidad tramitadora (RoleTypeCode 03). */
  processingUnit: Dir3Unit;
}

/** The roles in the order Facturae's RoleTypeCode numbers them. */
export const DIR3_ROLES = [
  ['accountingOffice', '01'],
  ['managementBody', '02'],
  ['processingUnit', '03'],
] as const satisfies readonly (readonly [keyof Dir3Units, string])[];

/**
 * DIR3 codes are nine characters: one or two capital letters saying the level of administration
 * (E state, A autonomous community, L local entity, U university, I other institutions, J justice,
 * EA/LA/GE/… units under them, P FACe's test units) followed by digits, e.g. E04921501,
 * L01280796, GE0000123, LA0007418, P00000010.
 */
export const DIR3_CODE = /^(?=.{9}$)[A-Z]{1,2}[0-9]{7,8}$/;

/** Field errors of a customer's DIR3 units (paths under `dir3.`); only Spanish buyers have them. */
export function dir3Problems(dir3: Dir3Units | undefined, country: string): FieldError[] {
  if (dir3 === undefined) return [];
  if (country !== 'ES') {
    return [
      { path: 'dir3', message: 'Only Spanish public administrations (country ES) have DIR3 units' },
    ];
  }
  const problems: FieldError[] = [];
  for (const [role] of DIR3_ROLES) {
    const unit = dir3[role];
    if (!unit) problems.push({ path: `dir3.${role}`, message: 'All three DIR3 units are needed' });
    else if (!DIR3_CODE.test(unit.code)) {
      problems.push({
        path: `dir3.${role}.code`,
        message: 'A DIR3 code is 9 characters: 1–2 capital letters and digits, e.g. L01280796',
      });
    }
  }
  return problems;
}

/** Trimmed names, absent when blank; codes as given (validated upper case). */
export const normalizeDir3 = (dir3: Dir3Units): Dir3Units => {
  const unit = (u: Dir3Unit): Dir3Unit => ({
    code: u.code,
    ...(u.name?.trim() ? { name: u.name.trim() } : {}),
  });
  return {
    accountingOffice: unit(dir3.accountingOffice),
    managementBody: unit(dir3.managementBody),
    processingUnit: unit(dir3.processingUnit),
  };
};
