import { randomInt } from 'node:crypto';
import { request } from 'node:http';
import { mailer } from '@sello/app/mail';
import { repositories } from '@sello/app/platform';
import { recipientNotifier } from '@sello/app/recipients';
import type { Invoice } from '@sello/core/invoices';
import { type Clock, systemClock, ulidIds } from '@sello/core/ports';
import { createEmailKey, createIssuerKey } from '@sello/core/recipients';
import { inject } from 'vitest';
import type { startApi } from './api.ts';

type Api = Awaited<ReturnType<typeof startApi>>;

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** A fresh, valid Spanish NIF, so each test onboards a tax id of its own. */
export function aTaxId(): string {
  const number = randomInt(10_000_000, 100_000_000);
  return `${number}${DNI_LETTERS[number % 23]}`;
}

export const aPassword = 'correct horse battery staple';

/** A clock `days` in the past: keys made with it are already expired when `days` > 30. */
export const daysAgo = (days: number): Clock => ({
  now: () => new Date(Date.now() - days * 86_400_000),
});

const keyDeps = (clock: Clock) => ({
  onboardingKeys: repositories().onboardingKeys,
  recipients: repositories().recipients,
  clock,
  ids: ulidIds,
});

/** The email key a notification mail would carry, made by the same use case. */
export async function anEmailKey(tenantId: string, taxId: string, clock: Clock = systemClock) {
  return (await createEmailKey(keyDeps(clock))(tenantId, taxId)).secret;
}

/** An issuer key made directly (e.g. with a past clock); tests of the route use the API. */
export async function anIssuerKey(tenantId: string, taxId: string, clock: Clock = systemClock) {
  return (await createIssuerKey(keyDeps(clock))(tenantId, { taxId })).secret;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
  json: any;
}

/**
 * Calls the API from another loopback address (127.0.0.2 …), which the local server reports as
 * the source IP, so each test's failed attempts count against its own per-address limit.
 */
export function callFrom(
  api: Api,
  sourceIp: string,
  method: string,
  path: string,
  options: { body?: unknown; key?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const url = new URL(path, api.base);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method,
        localAddress: sourceIp,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            json:
              text && /json/.test(res.headers['content-type'] ?? '') ? JSON.parse(text) : undefined,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let nextAddress = 2;
/** A loopback source address no other test of this file uses. */
export const aSourceIp = () =>
  `127.0.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 2}`;

/**
 * Registers `taxId` through the API with fresh keys from `tenant` (an email key as a notification
 * would make, an issuer key from POST /v1/onboarding-keys); answers the API's 201 body.
 */
export async function signUp(
  api: Api,
  tenant: { tenantId: string; key: string },
  account: { taxId: string; email: string; password?: string },
) {
  const emailKey = await anEmailKey(tenant.tenantId, account.taxId);
  const issuer = await api.call('POST', '/v1/onboarding-keys', {
    key: tenant.key,
    body: { taxId: account.taxId },
  });
  if (issuer.status !== 201) throw new Error(`issuer key: ${issuer.status} ${issuer.text}`);
  const res = await api.call('POST', '/v1/recipients/register', {
    body: {
      taxId: account.taxId,
      emailKey,
      issuerKey: issuer.json.key,
      email: account.email,
      password: account.password ?? aPassword,
    },
  });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${res.text}`);
  return res.json as {
    recipient: { id: string; taxId: string; email: string; createdAt: string };
    session: { token: string; expiresAt: string };
  };
}

/** The post-issue notification step, as the lead wires it, over the local SES server. */
export const notify = (invoices: readonly Invoice[]) => recipientNotifier(mailer())(invoices);

export interface StoredMail {
  subject: string;
  destination: { to: string[] };
  replyTo?: string[];
  body: { text?: string };
}

/** Mails the local SES server holds for `address`, oldest first. */
export async function mailsTo(address: string): Promise<StoredMail[]> {
  const { ses } = inject('endpoints');
  const store = (await (await fetch(`${ses}/store`)).json()) as { emails: StoredMail[] };
  return store.emails.filter((m) => m.destination.to.some((t) => t.includes(address)));
}
