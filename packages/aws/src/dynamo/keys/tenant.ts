/** Partition of everything a tenant owns. */
export const tenantPk = (tenantId: string) => `TENANT#${tenantId}`;
