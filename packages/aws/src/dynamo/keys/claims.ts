import { tenantPk } from './tenant.ts';

/**
 * Keys of the workshop areas (work centres, claim files). Part of the one key design in
 * ../keys.ts:
 *
 *   item            pk                                    sk                    gsi1pk / gsi1sk
 *   centre          TENANT#<t>                            CENTRE#<id>
 *   claim           CLAIM#<t>#<id>                        CLAIM                 TENANT#<t>#CLAIMS / <createdAt>#<id>
 *   claim number    CLAIMNO#<t>#<insurer>#<NUMBER>        CLAIMNO               (uniqueness guard, written with the claim)
 *   valuation       CLAIM#<t>#<id>                        VALUATION#<version, 6 digits>
 *   claim document  CLAIM#<t>#<id>                        DOCUMENT#<document id>
 *
 * A claim has its own partition, with its valuations and documents beside it: reading a claim's
 * versions is one Query, and claims of one tenant never share a hot partition. The tenant's list,
 * newest first, is gsi1. The claim-number guard makes a number unique per insurer across
 * containers (a transaction writes it with the claim).
 */
export const claimsKeys = {
  centre: (tenantId: string, id: string) => ({ pk: tenantPk(tenantId), sk: `CENTRE#${id}` }),
  centrePrefix: (tenantId: string) => ({ pk: tenantPk(tenantId), skPrefix: 'CENTRE#' }),

  claim: (tenantId: string, id: string) => ({ pk: `CLAIM#${tenantId}#${id}`, sk: 'CLAIM' }),
  claimByDate: (tenantId: string, createdAt: string, id: string) => ({
    gsi1pk: `${tenantPk(tenantId)}#CLAIMS`,
    gsi1sk: `${createdAt}#${id}`,
  }),
  /** Claim numbers compare without case or surrounding blanks. */
  claimNumber: (tenantId: string, insurerId: string, claimNumber: string) => ({
    pk: `CLAIMNO#${tenantId}#${insurerId}#${claimNumber.trim().toUpperCase()}`,
    sk: 'CLAIMNO',
  }),
  valuation: (tenantId: string, claimId: string, version: number) => ({
    pk: `CLAIM#${tenantId}#${claimId}`,
    sk: `VALUATION#${String(version).padStart(6, '0')}`,
  }),
  valuationPrefix: (tenantId: string, claimId: string) => ({
    pk: `CLAIM#${tenantId}#${claimId}`,
    skPrefix: 'VALUATION#',
  }),
  claimDocument: (tenantId: string, claimId: string, id: string) => ({
    pk: `CLAIM#${tenantId}#${claimId}`,
    sk: `DOCUMENT#${id}`,
  }),
  claimDocumentPrefix: (tenantId: string, claimId: string) => ({
    pk: `CLAIM#${tenantId}#${claimId}`,
    skPrefix: 'DOCUMENT#',
  }),
} as const;
