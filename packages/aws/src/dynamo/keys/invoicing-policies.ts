/**
 * Keys of the invoicing-policies area (a customer's automatic invoicing of its deposits). Part of
 * the one key design in ../keys.ts:
 *
 *   item              pk                               sk
 *   policy            POLICY#<t>#<customer>            POLICY
 *   occurrence lease  POLICY#<t>#<customer>            OCC#<occurrence ISO>   (lease holder, finished)
 *   policy run        POLICY#<t>#<customer>            RUN#<occurrence ISO>#<run>
 *
 * One partition per customer account, as deposits have one each: the 1st of the month starts a
 * thousand accounts' runs at once, and their writes spread instead of heating the tenant's
 * partition. ISO instants of one format sort in time order, so runs sort by occurrence.
 */
const policyPk = (tenantId: string, customerId: string) => `POLICY#${tenantId}#${customerId}`;

export const invoicingPoliciesKeys = {
  invoicingPolicy: (tenantId: string, customerId: string) => ({
    pk: policyPk(tenantId, customerId),
    sk: 'POLICY',
  }),
  policyOccurrence: (tenantId: string, customerId: string, occurrence: string) => ({
    pk: policyPk(tenantId, customerId),
    sk: `OCC#${occurrence}`,
  }),
  policyRun: (tenantId: string, customerId: string, occurrence: string, runId: string) => ({
    pk: policyPk(tenantId, customerId),
    sk: `RUN#${occurrence}#${runId}`,
  }),
  policyRunPrefix: (tenantId: string, customerId: string) => ({
    pk: policyPk(tenantId, customerId),
    skPrefix: 'RUN#',
  }),
} as const;
