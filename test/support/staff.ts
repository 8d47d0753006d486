import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { identityProvider, repositories } from '@sello/app/platform';
import { systemClock } from '@sello/core/ports';
import { ATTEMPT_WINDOW_SECONDS } from '@sello/core/recipients';
import {
  addOwner,
  type Membership,
  newStaffLink,
  type StaffLinkKind,
  type StaffRole,
} from '@sello/core/staff';
import type { startApi } from './api.ts';
import { mailsTo, type StoredMail } from './recipients.ts';

type Api = Awaited<ReturnType<typeof startApi>>;

export const aStaffPassword = 'a long staff passphrase';

/**
 * An address no other test of the run uses: the user pool is one for the whole run and names
 * users by e-mail.
 */
export const aStaffEmail = (who = 'staff') =>
  `${who}.${randomBytes(5).toString('hex')}@staff.example`;

/** An active owner of `tenantId` with a password, made as the local seed makes one. */
export async function anOwner(tenantId: string, password = aStaffPassword) {
  const member = await addOwner({
    members: repositories().memberships,
    identity: identityProvider(),
    clock: systemClock,
  })(tenantId, { email: aStaffEmail('owner'), password });
  return { ...member, password };
}

/**
 * A member with `role`, active with a password (or only invited): made directly, for tests of
 * other routes; the invitation route has tests of its own.
 */
export async function aMember(
  tenantId: string,
  role: StaffRole,
  options: { status?: Membership['status']; password?: string } = {},
) {
  const email = aStaffEmail(role.toLowerCase());
  const password = options.password ?? aStaffPassword;
  const identity = identityProvider();
  const { userId } = await identity.createUser(email);
  const now = new Date().toISOString();
  const status = options.status ?? 'active';
  if (status === 'active') await identity.setPassword(email, password);
  const member: Membership = {
    userId,
    tenantId,
    email,
    role,
    status,
    createdAt: now,
    ...(status === 'active' ? { joinedAt: now } : {}),
    version: 1,
  };
  await repositories().memberships.create(member);
  return { ...member, password };
}

/** A link (invitation or reset) for `member`, as the routes would mail it: its secret. */
export async function aLink(
  kind: StaffLinkKind,
  member: Pick<Membership, 'userId' | 'tenantId' | 'email'>,
  at = new Date(),
) {
  const { secret, link } = newStaffLink(kind, member, at);
  await repositories().staffLinks.create(link);
  return secret;
}

/** The refresh cookie's `name=value` from a response's Set-Cookie headers. */
export function refreshCookie(headers: Headers): string | undefined {
  return headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('sello_refresh='));
}

/** Signs in through the API; answers the access token and the refresh cookie. */
export async function signIn(api: Api, email: string, password = aStaffPassword) {
  const res = await api.call('POST', '/v1/auth/sign-in', { body: { email, password } });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${res.text}`);
  return {
    accessToken: res.json.accessToken as string,
    cookie: refreshCookie(res.headers)!,
    body: res.json,
  };
}

/** The `token` of the last link of `page` (accept-invitation, reset-password) mailed to `email`. */
export async function linkMailedTo(email: string, page: string): Promise<string | undefined> {
  const mails: StoredMail[] = await mailsTo(email);
  const pattern = new RegExp(`/${page}\\?token=([A-Za-z0-9_]+)`);
  for (const mail of mails.reverse()) {
    const match = pattern.exec(mail.body.text ?? '');
    if (match) return decodeURIComponent(match[1]!);
  }
  return undefined;
}

/** Waits for the next attempt window when fewer than `ms` remain of the current one. */
export async function clearOfWindowEnd(ms: number) {
  const windowMs = ATTEMPT_WINDOW_SECONDS * 1000;
  const left = windowMs - (Date.now() % windowMs);
  if (left < ms) await sleep(left + 1000);
}
