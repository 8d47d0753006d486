import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, dynamoClient, kmsClient, tableName } from '@sello/app/platform';
import { KmsSecretBox } from '@sello/aws';
import { ENV } from '@sello/contracts';
import { openConnectorCredentials } from '@sello/core/connectors';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTenant, startApi } from '../../support/api.ts';
import { captureOutput } from '../../support/logs.ts';
import { aMember, signIn } from '../../support/staff.ts';

/**
 * Each user's connector credentials through the API: set, listed, deleted, refused with the field
 * named, and never given back. Every answer of the file is kept and searched for the password;
 * the table is scanned for the password and the username; the logs are captured (at DEBUG).
 */
// Set before the handlers (and their logger) load, as the Lambda environment would.
process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
const api = await startApi();

const PASSWORD = 'Pw-connector-7f3a9c1e-secret';
const USERNAME = 'taller.credentials.4b2d';
const answers: string[] = [];
const lines: string[] = [];

let tenant: Awaited<ReturnType<typeof createTenant>>;
let owner: { token: string; userId: string };
let technician: { token: string; userId: string };

/** Calls as `token` and keeps the answer, headers included, for the final search. */
async function as(token: string, method: string, path: string, body?: unknown) {
  const res = await api.call(method, path, {
    headers: { authorization: `Bearer ${token}` },
    ...(body !== undefined ? { body } : {}),
  });
  answers.push(JSON.stringify([...res.headers]), res.text);
  return res;
}

const PATH = '/v1/users/me/connectors';

beforeAll(async () => {
  tenant = await createTenant('Credenciales SL');
  const signedIn = async (role: 'owner' | 'technician') => {
    const member = await aMember(tenant.tenantId, role);
    return { token: (await signIn(api, member.email)).accessToken, userId: member.userId };
  };
  owner = await signedIn('owner');
  technician = await signedIn('technician');
  captureOutput(lines);
});
afterAll(() => {
  vi.restoreAllMocks();
});

describe('PUT /v1/users/me/connectors/{connector}', () => {
  it('stores them and answers without the password or the username', async () => {
    const res = await as(owner.token, 'PUT', `${PATH}/insurer-platform`, {
      username: USERNAME,
      password: PASSWORD,
      taxId: 'b-12345674',
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      connector: 'insurer-platform',
      taxId: 'B12345674',
      createdAt: expect.any(String),
      updatedAt: res.json.createdAt,
    });
  });

  it('replaces them, keeping when they were first set', async () => {
    const before = (await as(owner.token, 'GET', PATH)).json.items[0];
    const res = await as(owner.token, 'PUT', `${PATH}/insurer-platform`, {
      username: USERNAME,
      password: PASSWORD,
      taxId: 'B12345674',
    });
    expect(res.status).toBe(200);
    expect(res.json.createdAt).toBe(before.createdAt);
    expect(res.json.updatedAt >= before.updatedAt).toBe(true);
  });

  it('is every member’s own, whatever the role', async () => {
    const res = await as(technician.token, 'PUT', `${PATH}/sandbox`, {
      username: 'tecnico',
      password: `${PASSWORD}-tech`,
      taxId: '12345678Z',
    });
    expect(res.status).toBe(200);
    const mine = await as(technician.token, 'GET', PATH);
    expect(mine.json.items.map((c: { connector: string }) => c.connector)).toEqual(['sandbox']);
  });

  it('answers 400 naming each field, and writes nothing', async () => {
    const unknown = await as(owner.token, 'PUT', `${PATH}/acme`, {
      username: USERNAME,
      password: PASSWORD,
      taxId: 'B12345674',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(unknown.json.errors.map((e: { path: string }) => e.path)).toEqual(['params.connector']);

    const badTaxId = await as(owner.token, 'PUT', `${PATH}/sandbox`, {
      username: USERNAME,
      password: PASSWORD,
      taxId: 'B12345675',
    });
    expect(badTaxId.status).toBe(400);
    expect(badTaxId.json.errors).toEqual([{ path: 'taxId', message: expect.any(String) }]);

    const missing = await as(owner.token, 'PUT', `${PATH}/sandbox`, {
      username: USERNAME,
      taxId: 'B12345674',
      extra: PASSWORD,
    });
    expect(missing.status).toBe(400);
    expect(missing.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'extra',
      'password',
    ]);
    // None of the three was stored.
    const list = await as(owner.token, 'GET', PATH);
    expect(list.json.items.map((c: { connector: string }) => c.connector)).toEqual([
      'insurer-platform',
    ]);
  });

  it('is refused to an API key: the credentials are a person’s', async () => {
    const res = await api.call('PUT', `${PATH}/insurer-platform`, {
      key: tenant.key,
      body: { username: USERNAME, password: PASSWORD, taxId: 'B12345674' },
    });
    answers.push(res.text);
    expect([401, 403]).toContain(res.status);
  });
});

describe('GET and DELETE /v1/users/me/connectors', () => {
  it('lists only the caller’s, never a secret', async () => {
    const res = await as(owner.token, 'GET', PATH);
    expect(res.status).toBe(200);
    expect(res.json.items).toEqual([
      {
        connector: 'insurer-platform',
        taxId: 'B12345674',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
    ]);
  });

  it('deletes them once; then 404', async () => {
    await as(technician.token, 'PUT', `${PATH}/insurer-platform`, {
      username: 'borrar',
      password: `${PASSWORD}-delete`,
      taxId: '12345678Z',
    });
    expect((await as(technician.token, 'DELETE', `${PATH}/insurer-platform`)).status).toBe(204);
    const again = await as(technician.token, 'DELETE', `${PATH}/insurer-platform`);
    expect(again.status).toBe(404);
    const left = await as(technician.token, 'GET', PATH);
    expect(left.json.items.map((c: { connector: string }) => c.connector)).toEqual(['sandbox']);
  });

  it('go with their member: a removed member leaves no sealed credentials behind', async () => {
    const member = await aMember(tenant.tenantId, 'technician');
    const token = (await signIn(api, member.email)).accessToken;
    for (const connector of ['insurer-platform', 'sandbox']) {
      const put = await as(token, 'PUT', `${PATH}/${connector}`, {
        username: 'se-va',
        password: `${PASSWORD}-leaving`,
        taxId: '12345678Z',
      });
      expect(put.status, put.text).toBe(200);
    }
    const removed = await api.call('DELETE', `/v1/users/${member.userId}`, { key: tenant.key });
    expect(removed.status, removed.text).toBe(204);
    for (const connector of ['insurer-platform', 'sandbox']) {
      const { Item } = await documentClient().send(
        new GetCommand({
          TableName: tableName(),
          Key: {
            pk: `TENANT#${tenant.tenantId}#STAFF#${member.userId}`,
            sk: `CONNECTOR#${connector}`,
          },
        }),
      );
      expect(Item, connector).toBeUndefined();
    }
  });
});

describe('what is stored', () => {
  it('holds the username and password only as ciphertext', async () => {
    // The raw items, as DynamoDB returns them (no unmarshalling that could hide anything).
    const items: unknown[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamoClient().send(
        new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start as never }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    const raw = JSON.stringify(items);
    expect(raw).toContain('connectorCredentials');
    for (const secret of [PASSWORD, USERNAME, 'tecnico', `${PASSWORD}-tech`]) {
      expect(raw).not.toContain(secret);
      expect(raw).not.toContain(Buffer.from(secret).toString('base64'));
    }
    const { Item } = await documentClient().send(
      new GetCommand({
        TableName: tableName(),
        Key: {
          pk: `TENANT#${tenant.tenantId}#STAFF#${owner.userId}`,
          sk: 'CONNECTOR#insurer-platform',
        },
      }),
    );
    expect(Object.keys(Item!).sort()).toEqual(
      [
        'pk',
        'sk',
        'type',
        'tenantId',
        'userId',
        'connector',
        'taxId',
        'sealed',
        'createdAt',
        'updatedAt',
      ].sort(),
    );
    expect(Item!.sealed).toEqual({
      v: 1,
      keyId: expect.any(String),
      encryptedKey: expect.any(String),
      iv: expect.any(String),
      tag: expect.any(String),
      ciphertext: expect.any(String),
    });
  });

  it('a sealed value copied to another user’s item does not open there', async () => {
    const key = (userId: string, connector: string) => ({
      pk: `TENANT#${tenant.tenantId}#STAFF#${userId}`,
      sk: `CONNECTOR#${connector}`,
    });
    const read = async (userId: string, connector: string) =>
      (
        await documentClient().send(
          new GetCommand({ TableName: tableName(), Key: key(userId, connector) }),
        )
      ).Item!;
    const ownerItem = await read(owner.userId, 'insurer-platform');
    await as(technician.token, 'PUT', `${PATH}/insurer-platform`, {
      username: 'tecnico',
      password: `${PASSWORD}-tech`,
      taxId: 'B12345674',
    });
    const victim = await read(technician.userId, 'insurer-platform');
    await documentClient().send(
      new PutCommand({ TableName: tableName(), Item: { ...victim, sealed: ownerItem.sealed } }),
    );
    // The platform's own box: the secrets key through the local KMS endpoint, as the routes use.
    const box = new KmsSecretBox(kmsClient(), process.env[ENV.secretsKeyId]!);
    // The owner's item opens with the owner's own context; the copy fails under the technician's.
    await expect(openConnectorCredentials(box, ownerItem as never)).resolves.toMatchObject({
      username: USERNAME,
    });
    await expect(
      openConnectorCredentials(box, { ...victim, sealed: ownerItem.sealed } as never),
    ).rejects.toThrow();
    // And copied to another connector of the same user.
    await expect(
      openConnectorCredentials(box, { ...ownerItem, connector: 'sandbox' } as never),
    ).rejects.toThrow();
  });
});

describe('secrets', () => {
  it('are in no answer of any of these routes, errors included, nor in the logs', () => {
    expect(answers.length).toBeGreaterThan(20);
    const text = answers.join('\n');
    for (const secret of [PASSWORD, `${PASSWORD}-tech`, `${PASSWORD}-delete`]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain(USERNAME);
    const logs = lines.join('');
    expect(logs).toContain('putConnectorCredentials');
    for (const secret of [PASSWORD, `${PASSWORD}-tech`, `${PASSWORD}-delete`, USERNAME]) {
      expect(logs).not.toContain(secret);
    }
  });
});
