import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

const api = await startApi();
let key: string;

beforeAll(async () => {
  ({ key } = await createTenant('Ajustes SL'));
});

describe('GET /v1/settings', () => {
  it('answers the defaults, version 0, until the tenant changes anything', async () => {
    const { key: fresh } = await createTenant();
    const res = await api.call('GET', '/v1/settings', { key: fresh });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ notifications: { recipientsOnIssue: false }, version: 0 });
    expect(res.headers.get('etag')).toBe('"v0"');
  });

  it('needs an API key', async () => {
    expect((await api.call('GET', '/v1/settings')).status).toBe(401);
  });
});

describe('PATCH /v1/settings', () => {
  it('merges each change into the whole settings, normalises the IBAN and versions them', async () => {
    const first = await api.call('PATCH', '/v1/settings', {
      key,
      body: {
        notifications: { recipientsOnIssue: true },
        payment: { iban: 'es91 2100 0418 4502 0005 1332', bic: 'caixesbbxxx' },
      },
    });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      notifications: { recipientsOnIssue: true },
      payment: { iban: 'ES9121000418450200051332', bic: 'CAIXESBBXXX' },
      version: 1,
    });
    expect(first.headers.get('etag')).toBe('"v1"');

    const second = await api.call('PATCH', '/v1/settings', {
      key,
      body: { payment: { terms: '30 días fecha factura' }, branding: { accentColor: '#0a7d5a' } },
    });
    expect(second.json).toEqual({
      notifications: { recipientsOnIssue: true },
      payment: {
        iban: 'ES9121000418450200051332',
        bic: 'CAIXESBBXXX',
        terms: '30 días fecha factura',
      },
      branding: { accentColor: '#0a7d5a' },
      version: 2,
      updatedAt: second.json.updatedAt,
    });

    // null removes a field, and a section left empty disappears.
    const third = await api.call('PATCH', '/v1/settings', {
      key,
      body: { payment: { bic: null, terms: null }, branding: null },
    });
    expect(third.json.payment).toEqual({ iban: 'ES9121000418450200051332' });
    expect(third.json.branding).toBeUndefined();
    expect(third.json.version).toBe(3);

    const read = await api.call('GET', '/v1/settings', { key });
    expect(read.json).toEqual(third.json);
    expect(read.headers.get('etag')).toBe('"v3"');
  });

  it('refuses an IBAN whose check digits fail, naming the field, and stores nothing', async () => {
    const { key: own } = await createTenant();
    const res = await api.call('PATCH', '/v1/settings', {
      key: own,
      body: { payment: { iban: 'ES9121000418450200051333' } },
    });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      {
        path: 'payment.iban',
        message: 'The check digits do not match: a character is probably mistyped',
      },
    ]);
    const short = await api.call('PATCH', '/v1/settings', {
      key: own,
      body: { payment: { iban: 'ES91210004184502000513' } },
    });
    expect(short.json.errors[0]).toEqual({
      path: 'payment.iban',
      message: 'A ES IBAN has 24 characters; this one has 22',
    });
    expect((await api.call('GET', '/v1/settings', { key: own })).json.version).toBe(0);
  });

  it('refuses unknown fields, a bad BIC or colour, and an empty patch', async () => {
    const bad = async (body: unknown) =>
      (await api.call('PATCH', '/v1/settings', { key, body })).json.errors?.map(
        (e: { path: string }) => e.path,
      );
    expect(await bad({ payment: { bic: 'CAIX' } })).toEqual(['payment.bic']);
    expect(await bad({ branding: { accentColor: 'green' } })).toEqual(['branding.accentColor']);
    expect(await bad({ notifications: { recipientsOnIssue: 'yes' } })).toEqual([
      'notifications.recipientsOnIssue',
    ]);
    expect(await bad({ theme: 'dark' })).toHaveLength(1);
    expect((await api.call('PATCH', '/v1/settings', { key, body: {} })).status).toBe(400);
  });

  it('answers 412 when If-Match names an older version, and applies a matching one', async () => {
    const { key: own } = await createTenant();
    const v1 = await api.call('PATCH', '/v1/settings', {
      key: own,
      body: { notifications: { recipientsOnIssue: true } },
      headers: { 'if-match': '"v0"' },
    });
    expect(v1.status).toBe(200);
    const stale = await api.call('PATCH', '/v1/settings', {
      key: own,
      body: { notifications: { recipientsOnIssue: false } },
      headers: { 'if-match': '"v0"' },
    });
    expect(stale.status).toBe(412);
    const fresh = await api.call('PATCH', '/v1/settings', {
      key: own,
      body: { notifications: { recipientsOnIssue: false } },
      headers: { 'if-match': '"v1"' },
    });
    expect(fresh.json).toMatchObject({ notifications: { recipientsOnIssue: false }, version: 2 });
  });

  it('keeps tenants apart', async () => {
    const { key: other } = await createTenant();
    await api.call('PATCH', '/v1/settings', {
      key: other,
      body: { payment: { iban: 'DE89 3704 0044 0532 0130 00' } },
    });
    const mine = await api.call('GET', '/v1/settings', { key });
    expect(mine.json.payment.iban).toBe('ES9121000418450200051332');
  });
});

describe('payment defaults from the settings', () => {
  it('fill in the IBAN and terms of new drafts where the draft gives none', async () => {
    const { key: own } = await createTenant('Cobros SL');
    await api.call('PATCH', '/v1/settings', {
      key: own,
      body: { payment: { iban: 'ES91 2100 0418 4502 0005 1332', terms: '30 días fecha factura' } },
    });
    const customerId = (await api.call('POST', '/v1/customers', { key: own, body: aCustomer() }))
      .json.id;
    const lines = [
      {
        description: 'Servicio',
        quantity: '1',
        unitPrice: '100.00',
        taxes: [{ type: 'IVA', rate: '21' }],
      },
    ];
    const draft = async (payment?: unknown) =>
      (
        await api.call('POST', '/v1/invoices', {
          key: own,
          body: { customerId, lines, ...(payment ? { payment } : {}) },
        })
      ).json.payment;
    expect(await draft()).toEqual({
      means: 'transfer',
      iban: 'ES9121000418450200051332',
      terms: '30 días fecha factura',
    });
    expect(await draft({ means: 'transfer', dueDate: '2027-02-01' })).toEqual({
      means: 'transfer',
      dueDate: '2027-02-01',
      iban: 'ES9121000418450200051332',
      terms: '30 días fecha factura',
    });
    expect(await draft({ means: 'card', terms: 'Pagado con tarjeta' })).toEqual({
      means: 'card',
      terms: 'Pagado con tarjeta',
    });
    expect((await draft({ means: 'transfer', iban: 'ES7921000813610123456789' })).iban).toBe(
      'ES7921000813610123456789',
    );
  });
});
