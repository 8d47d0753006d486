import { tenantPk } from './tenant.ts';

/**
 * Keys of the recipients area (onboarding keys, recipient accounts and sessions) and of tenant
 * settings. Part of the one key design in ../keys.ts:
 *
 *   item              pk                          sk                 gsi1pk / gsi1sk
 *   tenant settings   TENANT#<t>                  SETTINGS
 *   notified invoice  TENANT#<t>                  NOTIFIED#<invoice> (claim, then the sent mail's id)
 *   onboarding key    ONBKEY#<sha256>             ONBKEY             issuer keys: TENANT#<t>#ONBKEYS / ONBKEY#<id>
 *   recipient         RECIPIENT#<taxId>           ACCOUNT            (one account per tax id)
 *   recipient e-mail  RECIPIENTEMAIL#<email>      RECIPIENTEMAIL     (uniqueness guard; names the tax id)
 *   recipient user    RECIPIENTUSER#<userId>      RECIPIENTUSER      (the Cognito user; names the tax id)
 *   attempt counter   ATTEMPTS#<sha256(subject)>  WINDOW#<epoch s>   (TTL `expiresAt`)
 *
 * Secrets are found by the hash of what is presented, so one GetItem finds a key. Recipients sign
 * in through Cognito: their access token's user finds the account through its user item. (Sello's
 * own `SESSION#` items of before are deleted by the migration.) Rate-limit
 * subjects (tax ids, e-mails, IP addresses) are hashed so the counters hold no personal data.
 */
export const recipientsKeys = {
  tenantSettings: (tenantId: string) => ({ pk: tenantPk(tenantId), sk: 'SETTINGS' }),
  invoiceNotification: (tenantId: string, invoiceId: string) => ({
    pk: tenantPk(tenantId),
    sk: `NOTIFIED#${invoiceId}`,
  }),
  onboardingKey: (hash: string) => ({ pk: `ONBKEY#${hash}`, sk: 'ONBKEY' }),
  /** Ids sort by creation time, so a tenant's keys list oldest first. */
  issuerKeyOfTenant: (tenantId: string, id: string) => ({
    gsi1pk: `${tenantPk(tenantId)}#ONBKEYS`,
    gsi1sk: `ONBKEY#${id}`,
  }),
  recipient: (taxId: string) => ({ pk: `RECIPIENT#${taxId}`, sk: 'ACCOUNT' }),
  recipientEmail: (email: string) => ({ pk: `RECIPIENTEMAIL#${email}`, sk: 'RECIPIENTEMAIL' }),
  recipientUser: (userId: string) => ({ pk: `RECIPIENTUSER#${userId}`, sk: 'RECIPIENTUSER' }),
  attemptWindow: (subjectHash: string, windowStart: number) => ({
    pk: `ATTEMPTS#${subjectHash}`,
    sk: `WINDOW#${windowStart}`,
  }),
} as const;
