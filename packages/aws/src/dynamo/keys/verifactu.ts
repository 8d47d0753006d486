import { tenantPk } from './tenant.ts';

/**
 * Keys of the VERI*FACTU area added after the chain's own (chain head, records, sender, batches:
 * those stay in ../keys.ts). Part of the one key design in ../keys.ts:
 *
 *   item                   pk              sk
 *   submitter certificate  TENANT#<t>      VERIFACTU#TLSCERT   (sealed PKCS#8 key + certificates for
 *                                                               mutual TLS with AEAT, and their metadata)
 */
export const verifactuKeys = {
  submitterCertificate: (tenantId: string) => ({
    pk: tenantPk(tenantId),
    sk: 'VERIFACTU#TLSCERT',
  }),
} as const;
