import { FacturaeBuildError } from './errors.ts';

/**
 * ISO 3166-1 alpha-2 -> alpha-3, all 249 assigned codes (Debian iso-codes 4.15.0, iso_3166-1.json).
 * Sello stores alpha-2; Facturae's CountryType wants alpha-3.
 */
const ALPHA_2_TO_3: ReadonlyMap<string, string> = new Map(
  [
    'AD:AND AE:ARE AF:AFG AG:ATG AI:AIA AL:ALB AM:ARM AO:AGO AQ:ATA AR:ARG AS:ASM AT:AUT',
    'AU:AUS AW:ABW AX:ALA AZ:AZE',
    'BA:BIH BB:BRB BD:BGD BE:BEL BF:BFA BG:BGR BH:BHR BI:BDI BJ:BEN BL:BLM BM:BMU BN:BRN',
    'BO:BOL BQ:BES BR:BRA BS:BHS BT:BTN BV:BVT BW:BWA BY:BLR BZ:BLZ',
    'CA:CAN CC:CCK CD:COD CF:CAF CG:COG CH:CHE CI:CIV CK:COK CL:CHL CM:CMR CN:CHN CO:COL',
    'CR:CRI CU:CUB CV:CPV CW:CUW CX:CXR CY:CYP CZ:CZE',
    'DE:DEU DJ:DJI DK:DNK DM:DMA DO:DOM DZ:DZA',
    'EC:ECU EE:EST EG:EGY EH:ESH ER:ERI ES:ESP ET:ETH',
    'FI:FIN FJ:FJI FK:FLK FM:FSM FO:FRO FR:FRA',
    'GA:GAB GB:GBR GD:GRD GE:GEO GF:GUF GG:GGY GH:GHA GI:GIB GL:GRL GM:GMB GN:GIN GP:GLP',
    'GQ:GNQ GR:GRC GS:SGS GT:GTM GU:GUM GW:GNB GY:GUY',
    'HK:HKG HM:HMD HN:HND HR:HRV HT:HTI HU:HUN',
    'ID:IDN IE:IRL IL:ISR IM:IMN IN:IND IO:IOT IQ:IRQ IR:IRN IS:ISL IT:ITA',
    'JE:JEY JM:JAM JO:JOR JP:JPN',
    'KE:KEN KG:KGZ KH:KHM KI:KIR KM:COM KN:KNA KP:PRK KR:KOR KW:KWT KY:CYM KZ:KAZ',
    'LA:LAO LB:LBN LC:LCA LI:LIE LK:LKA LR:LBR LS:LSO LT:LTU LU:LUX LV:LVA LY:LBY',
    'MA:MAR MC:MCO MD:MDA ME:MNE MF:MAF MG:MDG MH:MHL MK:MKD ML:MLI MM:MMR MN:MNG MO:MAC',
    'MP:MNP MQ:MTQ MR:MRT MS:MSR MT:MLT MU:MUS MV:MDV MW:MWI MX:MEX MY:MYS MZ:MOZ',
    'NA:NAM NC:NCL NE:NER NF:NFK NG:NGA NI:NIC NL:NLD NO:NOR NP:NPL NR:NRU NU:NIU NZ:NZL',
    'OM:OMN',
    'PA:PAN PE:PER PF:PYF PG:PNG PH:PHL PK:PAK PL:POL PM:SPM PN:PCN PR:PRI PS:PSE PT:PRT',
    'PW:PLW PY:PRY',
    'QA:QAT',
    'RE:REU RO:ROU RS:SRB RU:RUS RW:RWA',
    'SA:SAU SB:SLB SC:SYC SD:SDN SE:SWE SG:SGP SH:SHN SI:SVN SJ:SJM SK:SVK SL:SLE SM:SMR',
    'SN:SEN SO:SOM SR:SUR SS:SSD ST:STP SV:SLV SX:SXM SY:SYR SZ:SWZ',
    'TC:TCA TD:TCD TF:ATF TG:TGO TH:THA TJ:TJK TK:TKL TL:TLS TM:TKM TN:TUN TO:TON TR:TUR',
    'TT:TTO TV:TUV TW:TWN TZ:TZA',
    'UA:UKR UG:UGA UM:UMI US:USA UY:URY UZ:UZB',
    'VA:VAT VC:VCT VE:VEN VG:VGB VI:VIR VN:VNM VU:VUT',
    'WF:WLF WS:WSM',
    'YE:YEM YT:MYT',
    'ZA:ZAF ZM:ZMB ZW:ZWE',
  ]
    .join(' ')
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

/**
 * Facturae 3.2.2 (2011) enumerates the alpha-3 codes of its time. These 16 current codes are
 * absent from it: ATA, ALA, BLM, BES, BVT, CCK, CUW, CXR, SGS, HMD, IOT, MAF, SSD, SXM, ATF, UMI.
 * Territories created by later splits print as the code they were part of then; the rest print
 * as the state they belong to. Antarctica has no sensible stand-in and is refused.
 */
const NOT_IN_FACTURAE: Readonly<Record<string, string | undefined>> = {
  AQ: undefined, // Antarctica
  AX: 'FIN', // Åland Islands, part of Finland
  BL: 'GLP', // Saint Barthélemy, split from Guadeloupe in 2007
  BQ: 'ANT', // Bonaire, Sint Eustatius and Saba, Netherlands Antilles until 2010
  BV: 'NOR', // Bouvet Island
  CC: 'AUS', // Cocos (Keeling) Islands
  CW: 'ANT', // Curaçao, Netherlands Antilles until 2010
  CX: 'AUS', // Christmas Island
  GS: 'GBR', // South Georgia and the South Sandwich Islands
  HM: 'AUS', // Heard Island and McDonald Islands
  IO: 'GBR', // British Indian Ocean Territory
  MF: 'GLP', // Saint Martin (French part), split from Guadeloupe in 2007
  SS: 'SDN', // South Sudan, part of Sudan until 2011
  SX: 'ANT', // Sint Maarten, Netherlands Antilles until 2010
  TF: 'FRA', // French Southern Territories
  UM: 'USA', // United States Minor Outlying Islands
};

/** The Facturae CountryType code of an ISO alpha-2 country. */
export function facturaeCountry(alpha2: string, path: string): string {
  const code = alpha2.trim().toUpperCase();
  if (code in NOT_IN_FACTURAE) {
    const substitute = NOT_IN_FACTURAE[code];
    if (substitute) return substitute;
  } else {
    const alpha3 = ALPHA_2_TO_3.get(code);
    if (alpha3) return alpha3;
  }
  throw new FacturaeBuildError(
    `country ${alpha2} cannot be written as a Facturae 3.2.2 country code`,
    path,
  );
}

/** For tests: every alpha-2 code we know. */
export const knownAlpha2 = (): string[] => [...ALPHA_2_TO_3.keys()];
