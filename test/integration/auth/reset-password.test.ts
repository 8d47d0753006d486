import { repositories } from '@sello/app/platform';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTenant, startApi } from '../../support/api.ts';
import { aSourceIp, callFrom, mailsTo } from '../../support/recipients.ts';
import {
  aLink,
  aMember,
  aStaffPassword,
  clearOfWindowEnd,
  linkMailedTo,
  signIn,
} from '../../support/staff.ts';

const api = await startApi();
let tenant: Awaited<ReturnType<typeof createTenant>>;

beforeAll(async () => {
  tenant = await createTenant('Restablece, S.L.');
});

const post = (path: string, body: unknown) => callFrom(api, aSourceIp(), 'POST', path, { body });
const forgot = (email: string) => post('/v1/auth/forgot-password', { email });
const reset = (token: string, password: string) =>
  post('/v1/auth/reset-password', { token, password });
const newPassword = 'a brand new passphrase';

describe('forgot-password, then reset-password', () => {
  // Every forgot-password request counts against the limits: none may straddle a window's end.
  beforeEach(() => clearOfWindowEnd(60_000), 90_000);

  it('mails a link whose token sets a new password, once', async () => {
    const member = await aMember(tenant.tenantId, 'accountant');
    const asked = await forgot(member.email.toUpperCase());
    expect(asked.status).toBe(202);
    const [mail] = await mailsTo(member.email);
    expect(mail?.subject).toBe('Restablezca su contraseña de Sello');
    expect(mail?.body.text).toContain('Restablece, S.L.');
    expect(mail?.body.text).toMatch(/^http:\/\/[\w.:]+\/reset-password\?token=spwr_\w{43}$/m);
    const token = (await linkMailedTo(member.email, 'reset-password'))!;

    expect((await reset(token, newPassword)).status).toBe(204);
    const old = await api.call('POST', '/v1/auth/sign-in', {
      body: { email: member.email, password: aStaffPassword },
    });
    expect(old.status).toBe(401);
    expect((await signIn(api, member.email, newPassword)).body.user.role).toBe('accountant');

    const again = await reset(token, 'yet another passphrase');
    expect(again.status).toBe(403);
    expect(again.json.errors).toEqual([{ path: 'token', message: 'This link was already used' }]);
  });

  it('answers the same for an address of nobody, and mails nothing', async () => {
    const nobody = `nobody.${Date.now()}@staff.example`;
    expect((await forgot(nobody)).status).toBe(202);
    expect(await mailsTo(nobody)).toEqual([]);
    // Nor to a member who was only invited.
    const invited = await aMember(tenant.tenantId, 'technician', { status: 'invited' });
    expect((await forgot(invited.email)).status).toBe(202);
    expect(await mailsTo(invited.email)).toEqual([]);
  });

  it('answers a bad e-mail with 400 naming it', async () => {
    const bad = await post('/v1/auth/forgot-password', { email: 'not an e-mail' });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { path: string }) => e.path)).toEqual(['email']);
  });

  it('limits requests per e-mail: the sixth in the window is 429', async () => {
    const member = await aMember(tenant.tenantId, 'readOnly');
    for (let i = 0; i < 5; i++) expect((await forgot(member.email)).status).toBe(202);
    const limited = await forgot(member.email);
    expect(limited.status).toBe(429);
    expect((await mailsTo(member.email)).length).toBe(5);
  });
});

describe('POST /v1/auth/reset-password', () => {
  it('refuses an unknown, an expired or an invitation token, naming `token`', async () => {
    const member = await aMember(tenant.tenantId, 'admin');
    const unknown = await reset(`spwr_${'a'.repeat(43)}`, newPassword);
    expect(unknown.status).toBe(403);
    expect(unknown.json.errors).toEqual([{ path: 'token', message: 'Unknown link' }]);
    const expired = await aLink('passwordReset', member, new Date(Date.now() - 2 * 3_600_000));
    const late = await reset(expired, newPassword);
    expect(late.status).toBe(403);
    expect(late.json.errors[0].message).toMatch(/^This link expired at /);
    const invitation = await aLink('invitation', member);
    expect((await reset(invitation, newPassword)).json.errors).toEqual([
      { path: 'token', message: 'Not a valid link' },
    ]);
    // Nothing changed: the old password still signs in.
    expect((await signIn(api, member.email)).body.user.email).toBe(member.email);
  });

  it('answers bad input with 400 naming the field, and spends no link', async () => {
    const member = await aMember(tenant.tenantId, 'admin');
    const token = await aLink('passwordReset', member);
    const short = await reset(token, 'short');
    expect(short.status).toBe(400);
    expect(short.json.errors.map((e: { path: string }) => e.path)).toEqual(['password']);
    const missing = await post('/v1/auth/reset-password', { password: newPassword });
    expect(missing.json.errors.map((e: { path: string }) => e.path)).toEqual(['token']);
    const stored = await repositories().staffLinks.findByHash(
      (await import('node:crypto')).createHash('sha256').update(token).digest('hex'),
    );
    expect(stored?.usedAt).toBeUndefined();
    expect((await reset(token, newPassword)).status).toBe(204);
  });
});
