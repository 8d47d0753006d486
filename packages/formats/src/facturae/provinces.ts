/**
 * Spanish provinces by the first two digits of the postal code (01–52, Correos' numbering, which
 * follows the INE province codes). Facturae's AddressInSpain requires a Province of at most 20
 * characters, so names are the official ones cut to fit only where needed (38).
 */
const PROVINCES: readonly string[] = [
  'Araba/Álava', // 01
  'Albacete',
  'Alicante/Alacant',
  'Almería',
  'Ávila', // 05
  'Badajoz',
  'Illes Balears',
  'Barcelona',
  'Burgos',
  'Cáceres', // 10
  'Cádiz',
  'Castellón/Castelló',
  'Ciudad Real',
  'Córdoba',
  'A Coruña', // 15
  'Cuenca',
  'Girona',
  'Granada',
  'Guadalajara',
  'Gipuzkoa', // 20
  'Huelva',
  'Huesca',
  'Jaén',
  'León',
  'Lleida', // 25
  'La Rioja',
  'Lugo',
  'Madrid',
  'Málaga',
  'Murcia', // 30
  'Navarra',
  'Ourense',
  'Asturias',
  'Palencia',
  'Las Palmas', // 35
  'Pontevedra',
  'Salamanca',
  'S.C. de Tenerife', // "Santa Cruz de Tenerife" has 22 characters
  'Cantabria',
  'Segovia', // 40
  'Sevilla',
  'Soria',
  'Tarragona',
  'Teruel',
  'Toledo', // 45
  'Valencia/València',
  'Valladolid',
  'Bizkaia',
  'Zamora',
  'Zaragoza', // 50
  'Ceuta',
  'Melilla',
];

/** The province of a 5-digit Spanish postal code, or undefined when the prefix is not 01–52. */
export function provinceOfPostalCode(postalCode: string): string | undefined {
  if (!/^\d{5}$/.test(postalCode)) return undefined;
  const prefix = Number(postalCode.slice(0, 2));
  return prefix >= 1 && prefix <= PROVINCES.length ? PROVINCES[prefix - 1] : undefined;
}
