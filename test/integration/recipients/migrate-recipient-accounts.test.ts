import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, repositories, tableName } from '@sello/app/platform';
import { keys } from '@sello/aws';
import { triggered } from '@sello/contracts';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTenant, startApi } from '../../support/api.ts';
import { aSourceIp, aTaxId, callFrom, mailsTo } from '../../support/recipients.ts';
import { clearOfWindowEnd, linkMailedTo } from '../../support/staff.ts';

/**
 * The move of recipients registered before Cognito: accounts with Sello's own password hash get a
 * user in the pool and a mail to choose a password; the hash and Sello's sessions go.
 */
const api = await startApi();
await createTenant('Migración SL');
const { handler } = (await import(`../../../${triggered.migrateRecipientAccounts.entry}`)) as {
  handler: (event: unknown, context: unknown) => Promise<unknown>;
};
const migrate = () =>
  handler({}, { functionName: 'migrateRecipientAccounts', getRemainingTimeInMillis: () => 60_000 });

const put = (item: Record<string, unknown>) =>
  documentClient().send(new PutCommand({ TableName: tableName(), Item: item }));
const get = (key: { pk: string; sk: string }) =>
  documentClient()
    .send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))
    .then((out) => out.Item);

/** An account and a session as Sello stored them before (a password hash of its own, a `sess_` item). */
async function aLegacyAccount() {
  const taxId = aTaxId();
  const email = `legacy.${randomBytes(4).toString('hex')}@recipient.example`;
  const id = `rcp_legacy${randomBytes(4).toString('hex')}`;
  await put({
    ...keys.recipient(taxId),
    type: 'recipient',
    id,
    taxId,
    email,
    // The stored format does not matter: any hash there is what the migration removes.
    passwordHash: `legacy$${randomBytes(32).toString('base64url')}`,
    createdAt: '2026-11-01T10:00:00.000Z',
    emailKeyId: 'onb_e',
    issuerKeyId: 'onb_i',
  });
  await put({ ...keys.recipientEmail(email), type: 'recipientEmail', taxId, recipientId: id });
  const session = { pk: `SESSION#${randomBytes(32).toString('hex')}`, sk: 'SESSION' };
  await put({
    ...session,
    type: 'session',
    recipientId: id,
    taxId,
    createdAt: new Date().toISOString(),
    validUntil: new Date(Date.now() + 3_600_000).toISOString(),
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
  });
  return { taxId, email, id, session };
}

describe('migrateRecipientAccounts', () => {
  beforeEach(() => clearOfWindowEnd(60_000), 90_000);

  it('gives each legacy account a user, mails it a link, and deletes its hash and the sessions', async () => {
    const legacy = await aLegacyAccount();
    const other = await aLegacyAccount();
    const result = (await migrate()) as { migrated: number; sessionsDeleted: number };
    expect(result).toEqual({ migrated: 2, sessionsDeleted: 2, failed: [] });

    const stored = await get(keys.recipient(legacy.taxId));
    expect(stored?.passwordHash).toBeUndefined();
    expect(stored?.userId).toEqual(expect.any(String));
    expect(await get(legacy.session)).toBeUndefined();
    expect(await get(other.session)).toBeUndefined();
    const account = await repositories().recipients.getByUser(stored?.userId as string);
    expect(account?.id).toBe(legacy.id);

    // Nobody can sign in before choosing a password: Sello never knew the old one.
    const before = await callFrom(api, aSourceIp(), 'POST', '/v1/auth/sign-in', {
      body: { email: legacy.email, password: 'whatever it was before' },
    });
    expect(before.status).toBe(401);

    const [mail, ...more] = await mailsTo(legacy.email);
    expect(more).toEqual([]);
    expect(mail?.subject).toBe('Elija una nueva contraseña para Sello');
    expect(mail?.body.text).toMatch(/^http:\/\/[\w.:]+\/reset-password\?token=spwr_\w{43}$/m);
    const token = (await linkMailedTo(legacy.email, 'reset-password'))!;
    const password = 'my new recipient passphrase';
    const reset = await callFrom(api, aSourceIp(), 'POST', '/v1/auth/reset-password', {
      body: { token, password },
    });
    expect(reset.status).toBe(204);
    const signedIn = await callFrom(api, aSourceIp(), 'POST', '/v1/auth/sign-in', {
      body: { email: legacy.email, password },
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.json.user).toEqual({
      kind: 'recipient',
      id: legacy.id,
      email: legacy.email,
      taxId: legacy.taxId,
    });
    const me = await api.call('GET', '/v1/recipients/me', { key: signedIn.json.accessToken });
    expect(me.json).toMatchObject({ id: legacy.id, taxId: legacy.taxId });

    // A second run finds nothing left to move and mails nobody again.
    expect(await migrate()).toEqual({ migrated: 0, sessionsDeleted: 0, failed: [] });
    expect(await mailsTo(legacy.email)).toHaveLength(1);
  });

  it('lets a registered recipient reset a forgotten password with the staff flow', async () => {
    const legacy = await aLegacyAccount();
    await migrate();
    const asked = await callFrom(api, aSourceIp(), 'POST', '/v1/auth/forgot-password', {
      body: { email: legacy.email.toUpperCase() },
    });
    expect(asked.status).toBe(202);
    const mails = await mailsTo(legacy.email);
    expect(mails.at(-1)?.subject).toBe('Restablezca su contraseña de Sello');
    const token = (await linkMailedTo(legacy.email, 'reset-password'))!;
    const password = 'a forgotten and found passphrase';
    const reset = await callFrom(api, aSourceIp(), 'POST', '/v1/auth/reset-password', {
      body: { token, password },
    });
    expect(reset.status).toBe(204);
    // Used once only.
    const again = await callFrom(api, aSourceIp(), 'POST', '/v1/auth/reset-password', {
      body: { token, password },
    });
    expect(again.status).toBe(403);
    const signedIn = await callFrom(api, aSourceIp(), 'POST', '/v1/auth/sign-in', {
      body: { email: legacy.email, password },
    });
    expect(signedIn.json.user.kind).toBe('recipient');
  });
});
