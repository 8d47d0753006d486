import { tenantPk } from './tenant.ts';

/**
 * Keys of the connectors area (each user's credentials for the platforms invoices are forwarded
 * to). Part of the one key design in ../keys.ts:
 *
 *   item                   pk                      sk
 *   connector credentials  TENANT#<t>#STAFF#<u>    CONNECTOR#<connector>   (username + password sealed)
 *
 * One partition per user: a user's credentials are read one connector at a time (forwarding) or
 * all together (the profile), never across users.
 */
export const connectorsKeys = {
  connectorCredentials: (tenantId: string, userId: string, connector: string) => ({
    pk: `${tenantPk(tenantId)}#STAFF#${userId}`,
    sk: `CONNECTOR#${connector}`,
  }),
  connectorCredentialsPrefix: (tenantId: string, userId: string) => ({
    pk: `${tenantPk(tenantId)}#STAFF#${userId}`,
    skPrefix: 'CONNECTOR#',
  }),
} as const;
