import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '@sello/app/platform';
import { WEBHOOKS_ALLOW_LOCAL_ENV } from '@sello/app/webhooks';
import { sandboxRegistryNumber } from '@sello/aws/connectors';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { acceptanceLines } from '../../support/invoices.ts';
import { captureOutput } from '../../support/logs.ts';
import { aMember, signIn } from '../../support/staff.ts';

/**
 * Forwarding through the local API: the route answers `sending` at once, the forwarding function
 * runs in the background (as an async invoke), and the answer of the sandbox or of the fake
 * insurer platform (a real HTTP server, reached by the real adapter) lands on the invoice.
 */
process.env[WEBHOOKS_ALLOW_LOCAL_ENV] = 'true'; // the receiver below listens on 127.0.0.1
// Set before the handlers (and their logger) load: the forwarding runs log at their most.
process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
const api = await startApi();
const FAKE = inject('endpoints').insurerPlatformUrl;
const SELLER = 'B12345674'; // every test tenant's tax id

let tenant: Awaited<ReturnType<typeof createTenant>>;
let staff: { token: string; userId: string };
let customerId: string;
/** Every password the users of this file have on the platform, and the logs of the file. */
const passwords: string[] = [];
const lines: string[] = [];

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** A fresh issued invoice whose documents are stored (the post-issue step has run). */
async function anIssuedInvoice(): Promise<{ id: string; number: string; issueDate: string }> {
  const draft = await api.call('POST', '/v1/invoices', {
    key: tenant.key,
    body: { customerId, lines: acceptanceLines },
  });
  const issued = await api.call('POST', `/v1/invoices/${draft.json.id}/issue`, { key: tenant.key });
  expect(issued.status).toBe(200);
  expect(await api.settled()).toEqual([]);
  return issued.json;
}

const forward = (id: string, connector: string, as: { key?: string; token?: string }) =>
  api.call('POST', `/v1/invoices/${id}/forward`, {
    ...(as.key ? { key: as.key } : { headers: auth(as.token!) }),
    body: { connector },
  });

/** The invoice's entry for `connector` once the background run is over. */
async function settledEntry(id: string, connector: string) {
  expect(await api.settled()).toEqual([]);
  const invoice = await api.call('GET', `/v1/invoices/${id}`, { key: tenant.key });
  return invoice.json.forwarding.find((f: { connector: string }) => f.connector === connector);
}

/** A user of the fake platform filing under `taxIds`, with the caller's credentials set to it. */
async function anInsurerAccount(taxIds = [SELLER], as = staff) {
  const username = `taller-${randomBytes(4).toString('hex')}`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  passwords.push(password);
  const made = await fetch(`${FAKE}/_fake/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, taxIds }),
  });
  expect(made.status).toBe(201);
  await setCredentials({ username, password, taxId: taxIds[0]! }, as);
  return { username, password };
}

async function setCredentials(
  body: { username: string; password: string; taxId: string },
  as = staff,
) {
  const set = await api.call('PUT', '/v1/users/me/connectors/insurer-platform', {
    headers: auth(as.token),
    body,
  });
  expect(set.status).toBe(200);
}

type Registered = { registryNumber: string; sellerTaxId: string; number: string };
const registeredFor = async (username: string) => {
  const res = await fetch(`${FAKE}/_fake/invoices?username=${username}`);
  return ((await res.json()) as { items: Registered[] }).items;
};

const tellFake = (body: Record<string, unknown>) =>
  fetch(`${FAKE}/_fake/failures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  tenant = await createTenant('Talleres Reenvío SL');
  const member = await aMember(tenant.tenantId, 'accountant');
  staff = { token: (await signIn(api, member.email)).accessToken, userId: member.userId };
  customerId = (await api.call('POST', '/v1/customers', { key: tenant.key, body: aCustomer() }))
    .json.id;
  captureOutput(lines);
});
afterAll(() => {
  vi.restoreAllMocks();
});

describe('POST /v1/invoices/{id}/forward through the sandbox', () => {
  it('answers 202 sending at once; the registry number lands on the invoice after', async () => {
    const invoice = await anIssuedInvoice();
    api.invoker.hold();
    const res = await forward(invoice.id, 'sandbox', { key: tenant.key });
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/v1/invoices/${invoice.id}`);
    expect(res.json).toEqual({
      connector: 'sandbox',
      status: 'sending',
      attempts: 1,
      at: expect.any(String),
    });
    const meanwhile = await api.call('GET', `/v1/invoices/${invoice.id}`, { key: tenant.key });
    expect(meanwhile.json.forwarding).toEqual([res.json]);
    api.invoker.release();
    expect(await settledEntry(invoice.id, 'sandbox')).toEqual({
      connector: 'sandbox',
      status: 'delivered',
      registryNumber: sandboxRegistryNumber(tenant.tenantId, invoice.id, invoice.issueDate),
      receiverStatus: 'registered',
      attempts: 1,
      at: expect.any(String),
    });
    const events = (await api.call('GET', `/v1/invoices/${invoice.id}`, { key: tenant.key })).json
      .events;
    expect(events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['forwarding.sending', 'forwarding.delivered']),
    );
  });

  it('refuses to forward a delivered invoice again (409 naming connector)', async () => {
    const invoice = await anIssuedInvoice();
    await forward(invoice.id, 'sandbox', { key: tenant.key });
    expect((await settledEntry(invoice.id, 'sandbox')).status).toBe('delivered');
    const again = await forward(invoice.id, 'sandbox', { key: tenant.key });
    expect(again.status).toBe(409);
    expect(again.json.errors).toEqual([{ path: 'connector', message: expect.any(String) }]);
    const twice = await forward(invoice.id, 'sandbox', { key: tenant.key });
    expect(twice.status).toBe(409);
  });

  it('refuses a draft (409), an unknown invoice (404) and an unknown connector (400)', async () => {
    const draft = await api.call('POST', '/v1/invoices', {
      key: tenant.key,
      body: { customerId, lines: acceptanceLines },
    });
    const res = await forward(draft.json.id, 'sandbox', { key: tenant.key });
    expect(res.status).toBe(409);
    expect(res.json.detail).toContain('only issued invoices');
    const unchanged = await api.call('GET', `/v1/invoices/${draft.json.id}`, { key: tenant.key });
    expect(unchanged.json.forwarding).toBeUndefined();

    expect((await forward('inv_nosuchinvoice', 'sandbox', { key: tenant.key })).status).toBe(404);

    const invoice = await anIssuedInvoice();
    const unknown = await forward(invoice.id, 'fax', { key: tenant.key });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors.map((e: { path: string }) => e.path)).toEqual(['connector']);
  });

  it('runs an attempt once when the job is delivered twice', async () => {
    const invoice = await anIssuedInvoice();
    api.invoker.hold();
    const res = await forward(invoice.id, 'sandbox', { key: tenant.key });
    const job = {
      tenantId: tenant.tenantId,
      invoiceId: invoice.id,
      connector: 'sandbox',
      attempt: 1,
    };
    const runs = await Promise.all([
      api.invoker.call<{ status: string }>('runForwarding', job),
      api.invoker.call<{ status: string }>('runForwarding', job),
    ]);
    expect(runs.map((r) => r.status).sort()).toEqual(['delivered', 'skipped']);
    api.invoker.release(); // the route's own hand-over: a third delivery, too late
    const entry = await settledEntry(invoice.id, 'sandbox');
    expect(entry).toMatchObject({ status: 'delivered', attempts: res.json.attempts });
    const events = (await api.call('GET', `/v1/invoices/${invoice.id}`, { key: tenant.key })).json
      .events as Array<{ type: string }>;
    expect(events.filter((e) => e.type === 'forwarding.delivered')).toHaveLength(1);
  });
});

describe('through the insurer platform (each user’s own credentials)', () => {
  it('delivers the signed Facturae with the user’s account and shows the registry number', async () => {
    const account = await anInsurerAccount();
    const invoice = await anIssuedInvoice();
    const res = await forward(invoice.id, 'insurer-platform', { token: staff.token });
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ status: 'sending', userId: staff.userId });
    const entry = await settledEntry(invoice.id, 'insurer-platform');
    expect(entry).toEqual({
      connector: 'insurer-platform',
      status: 'delivered',
      registryNumber: expect.stringMatching(/^ASG-\d{4}-\d{6}$/),
      receiverStatus: 'REGISTERED',
      userId: staff.userId,
      attempts: 1,
      at: expect.any(String),
    });
    const registered = await registeredFor(account.username);
    expect(registered).toEqual([
      expect.objectContaining({
        registryNumber: entry.registryNumber,
        sellerTaxId: SELLER,
        number: expect.stringContaining(invoice.number.slice(-6)),
      }),
    ]);
  });

  it('needs the caller’s own credentials: 409 naming connector, pointing at the profile', async () => {
    const invoice = await anIssuedInvoice();
    const byKey = await forward(invoice.id, 'insurer-platform', { key: tenant.key });
    expect(byKey.status).toBe(409);
    expect(byKey.json.errors).toEqual([{ path: 'connector', message: expect.any(String) }]);

    const stranger = await aMember(tenant.tenantId, 'accountant');
    const token = (await signIn(api, stranger.email)).accessToken;
    const none = await forward(invoice.id, 'insurer-platform', { token });
    expect(none.status).toBe(409);
    expect(none.json.errors).toEqual([
      { path: 'connector', message: expect.stringContaining('profile') },
    ]);
    const unchanged = await api.call('GET', `/v1/invoices/${invoice.id}`, { key: tenant.key });
    expect(unchanged.json.forwarding).toBeUndefined();
  });

  it('records a refusal as rejected with its code; forwarding again once fixed delivers', async () => {
    const account = await anInsurerAccount();
    await setCredentials({ ...account, password: 'not-the-password', taxId: SELLER });
    const invoice = await anIssuedInvoice();
    await forward(invoice.id, 'insurer-platform', { token: staff.token });
    const rejected = await settledEntry(invoice.id, 'insurer-platform');
    expect(rejected).toMatchObject({
      status: 'rejected',
      error: { code: 'INVALID_CREDENTIALS', message: expect.stringContaining('profile') },
      attempts: 1,
    });
    expect(JSON.stringify(rejected)).not.toContain('not-the-password');

    await setCredentials({ ...account, taxId: SELLER });
    const again = await forward(invoice.id, 'insurer-platform', { token: staff.token });
    expect(again.status).toBe(202);
    expect(again.json).toMatchObject({ status: 'sending', attempts: 2 });
    expect(again.json.error).toBeUndefined();
    expect(await settledEntry(invoice.id, 'insurer-platform')).toMatchObject({
      status: 'delivered',
      attempts: 2,
    });
  });

  it('is rejected when the invoice’s seller is not the tax id the user files under', async () => {
    await anInsurerAccount(['A58818501']);
    const invoice = await anIssuedInvoice();
    await forward(invoice.id, 'insurer-platform', { token: staff.token });
    expect(await settledEntry(invoice.id, 'insurer-platform')).toMatchObject({
      status: 'rejected',
      error: { code: 'SELLER_MISMATCH' },
    });
  });

  it('records failed when the platform is unavailable, and may be forwarded again', async () => {
    const account = await anInsurerAccount();
    expect((await tellFake({ username: account.username, mode: 'unavailable' })).status).toBe(204);
    const invoice = await anIssuedInvoice();
    await forward(invoice.id, 'insurer-platform', { token: staff.token });
    expect(await settledEntry(invoice.id, 'insurer-platform')).toMatchObject({
      status: 'failed',
      error: { code: 'unreachable', message: expect.stringContaining('503') },
    });
    expect(await registeredFor(account.username)).toEqual([]);
    await forward(invoice.id, 'insurer-platform', { token: staff.token });
    expect(await settledEntry(invoice.id, 'insurer-platform')).toMatchObject({
      status: 'delivered',
      attempts: 2,
    });
    expect(await registeredFor(account.username)).toHaveLength(1);
  });

  it('fails to open credentials copied from another user’s item, and forwards nothing', async () => {
    const victim = await aMember(tenant.tenantId, 'accountant');
    const victimToken = (await signIn(api, victim.email)).accessToken;
    const victimAs = { token: victimToken, userId: victim.userId };
    await setCredentials({ username: 'victim', password: 'victim-pw', taxId: SELLER }, victimAs);
    const attacker = await anInsurerAccount();
    const key = (userId: string) => ({
      pk: `TENANT#${tenant.tenantId}#STAFF#${userId}`,
      sk: 'CONNECTOR#insurer-platform',
    });
    const item = async (userId: string) =>
      (await documentClient().send(new GetCommand({ TableName: tableName(), Key: key(userId) })))
        .Item!;
    const victimItem = await item(victim.userId);
    const attackerItem = await item(staff.userId);
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...victimItem, sealed: attackerItem.sealed },
      }),
    );
    const invoice = await anIssuedInvoice();
    await forward(invoice.id, 'insurer-platform', { token: victimToken });
    expect(await settledEntry(invoice.id, 'insurer-platform')).toMatchObject({
      status: 'failed',
      error: { code: 'credentials-unreadable', message: expect.stringContaining('profile') },
      userId: victim.userId,
    });
    expect(await registeredFor(attacker.username)).toEqual([]);
  });
});

describe('the invoice.forwarded webhook', () => {
  it('tells subscribers the settled attempt, once', async () => {
    const received: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push(body);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    afterAll(() => new Promise<void>((ok) => server.close(() => ok())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    const hook = await api.call('POST', '/v1/webhooks', {
      key: tenant.key,
      body: { url, events: ['invoice.forwarded'] },
    });
    expect(hook.status, hook.text).toBe(201);
    const invoice = await anIssuedInvoice();
    await forward(invoice.id, 'sandbox', { key: tenant.key });
    const entry = await settledEntry(invoice.id, 'sandbox');
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]!)).toMatchObject({
      type: 'invoice.forwarded',
      data: { invoiceId: invoice.id, number: invoice.number, forwarding: entry },
    });
  });
});

describe('the users’ passwords', () => {
  it('are in no log line of the routes or of the forwarding runs', () => {
    const logs = lines.join('');
    expect(logs).toContain('"routeId":"forwardInvoice"');
    expect(passwords.length).toBeGreaterThan(3);
    for (const password of [...passwords, 'not-the-password', 'victim-pw']) {
      expect(logs).not.toContain(password);
    }
  });
});
