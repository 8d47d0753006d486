import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SwSapienPac } from '@sello/aws/pac';
import { PacRejectedError, PacUnavailableError } from '@sello/core/ports';
import { buildCfdi, type Cfdi, readCfdi, sealCfdi } from '@sello/formats/cfdi';
import {
  SANDBOX_PAC_PASSWORD,
  SANDBOX_PAC_USER,
  type SandboxPacServer,
  startSandboxPacServer,
} from '@sello/local/pac';
import { SoftwareSigner } from '@sello/signing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_SALE } from './fixtures.ts';
import { scratch, testCsd, validateCfdi } from './support.ts';

/**
 * The SW Sapien adapter through real HTTP: against the sandbox PAC, which speaks SW's protocol
 * (happy paths and SAT's refusals), and against a recording fake for the request shapes and the
 * failures a network gives (timeouts, 5xx, garbage, an expired token).
 */
const csd = testCsd();
const signer = new SoftwareSigner(csd.privateKey, 'csd');
const files = scratch();
const NOW = new Date('2026-12-07T18:00:00Z');
let sandbox: SandboxPacServer;
beforeAll(async () => {
  sandbox = await startSandboxPacServer({ now: () => NOW, infiniteToken: 'infinite-test-token' });
});
afterAll(async () => {
  files.remove();
  await sandbox.stop();
});

const DRAFT: Cfdi = { ...PUBLIC_SALE, serie: 'SW' };
const sealed = async (changes: Partial<Cfdi> = {}) =>
  buildCfdi(await sealCfdi({ ...DRAFT, ...changes }, signer, 'csd', csd.certificate));

const adapter = (
  url = sandbox.url,
  options: Partial<ConstructorParameters<typeof SwSapienPac>[0]> = {},
) =>
  new SwSapienPac({
    url,
    credentials: async () => ({ user: SANDBOX_PAC_USER, password: SANDBOX_PAC_PASSWORD }),
    now: () => NOW,
    ...options,
  });

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof PacRejectedError))
    throw new Error(`expected a refusal, got ${String(error)}`);
  return { code: error.pacCode, path: error.errors[0]?.path };
}

describe('SwSapienPac against the sandbox PAC', () => {
  it('stamps: the CFDI comes back with its TimbreFiscalDigital, valid against the schemas', async () => {
    const pac = adapter();
    const xml = await sealed();
    const stamp = await pac.stamp(xml);
    expect(stamp.uuid).toMatch(/^[0-9A-F-]{36}$/);
    expect(stamp.stampedAt).toBe('2026-12-07T12:00:00');
    expect(readCfdi(stamp.xml).timbre?.uuid).toBe(stamp.uuid);
    expect(validateCfdi(files.file(stamp.xml)).output).toContain('validates');
    // Sent again (a retry after a lost answer): the same stamp.
    expect((await pac.stamp(xml)).uuid).toBe(stamp.uuid);
  });

  it('turns SAT’s refusals into PacRejectedError with the code, naming the document', async () => {
    const pac = adapter();
    const tampered = (await sealed({ folio: '2' })).replace('Total="116.00"', 'Total="1160.00"');
    expect(await rejection(pac.stamp(tampered))).toEqual({ code: '302', path: 'xml' });
    expect(await rejection(pac.stamp('not xml'))).toEqual({ code: '301', path: 'xml' });
  });

  it('cancels with SAT’s reasons; unknown, twice and 01 without a substitute are refused', async () => {
    const pac = adapter();
    const { uuid } = await pac.stamp(await sealed({ folio: '3' }));
    const replacement = (await pac.stamp(await sealed({ folio: '4' }))).uuid;
    expect(await rejection(pac.cancel({ issuerRfc: 'EKU9003173C9', uuid, reason: '01' }))).toEqual({
      code: '301',
      path: 'substitute',
    });
    expect(
      await pac.cancel({ issuerRfc: 'EKU9003173C9', uuid, reason: '01', substitute: replacement }),
    ).toEqual({ status: 'cancelled', at: NOW.toISOString() });
    expect(await rejection(pac.cancel({ issuerRfc: 'EKU9003173C9', uuid, reason: '02' }))).toEqual({
      code: '202',
      path: 'uuid',
    });
    expect(
      await rejection(
        pac.cancel({
          issuerRfc: 'EKU9003173C9',
          uuid: '6B0D38E6-0D54-4C5A-9C52-6E0B5A1A1A1A',
          reason: '02',
        }),
      ),
    ).toEqual({ code: '205', path: 'uuid' });
  });

  it('uses an infinite token as it is, and reports refused credentials as unavailable', async () => {
    const xml = await sealed({ folio: '5' });
    const infinite = adapter(sandbox.url, {
      credentials: async () => ({ token: 'infinite-test-token' }),
    });
    expect((await infinite.stamp(xml)).uuid).toMatch(/^[0-9A-F-]{36}$/);
    const wrongToken = adapter(sandbox.url, { credentials: async () => ({ token: 'nope' }) });
    await expect(wrongToken.stamp(xml)).rejects.toBeInstanceOf(PacUnavailableError);
    const wrongPassword = adapter(sandbox.url, {
      credentials: async () => ({ user: SANDBOX_PAC_USER, password: 'wrong' }),
    });
    await expect(wrongPassword.stamp(xml)).rejects.toThrow(/credentials/);
  });
});

/** An HTTP server whose answers each test writes, recording every request it gets. */
async function recordingFake() {
  const requests: {
    method: string;
    path: string;
    headers: IncomingMessage['headers'];
    body: string;
  }[] = [];
  let answer: (req: IncomingMessage, res: ServerResponse, body: string) => void = (_q, res) =>
    res.end();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    requests.push({ method: req.method!, path: req.url!, headers: req.headers, body });
    answer(req, res, body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    answer: (fn: typeof answer) => {
      answer = fn;
    },
    stop: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const stampData = {
  cfdi: '<cfdi/>',
  uuid: 'a1b2c3d4-0000-4000-8000-000000000001',
  fechaTimbrado: '2026-12-07T12:00:00',
};

describe('SwSapienPac on the wire', () => {
  it('authenticates once with user and password headers, then stamps with the bearer token as multipart', async () => {
    const fake = await recordingFake();
    try {
      let tokens = 0;
      fake.answer((req, res) => {
        if (req.url === '/security/authenticate') {
          tokens += 1;
          return json(res, 200, {
            data: {
              token: `T${tokens}`,
              expires_in: NOW.getTime() / 1000 + 7200,
              tokeny_type: 'Bearer',
            },
            status: 'success',
          });
        }
        json(res, 200, { data: stampData, status: 'success' });
      });
      const pac = adapter(`${fake.url}/`, {
        credentials: async () => ({ user: 'acme@example.mx', password: 's3cret' }),
      });
      await Promise.all([pac.stamp('<a/>'), pac.stamp('<b/>')]);
      await pac.stamp('<c/>');
      const [auth, ...stamps] = fake.requests;
      expect(auth).toMatchObject({ method: 'POST', path: '/security/authenticate' });
      expect(auth!.headers).toMatchObject({ user: 'acme@example.mx', password: 's3cret' });
      expect(stamps).toHaveLength(3);
      for (const s of stamps) {
        expect(s).toMatchObject({ method: 'POST', path: '/cfdi33/stamp/v4' });
        expect(s.headers.authorization).toBe('Bearer T1');
        expect(s.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
        expect(s.body).toMatch(/Content-Disposition: form-data; name="xml"; filename="cfdi.xml"/);
      }
      expect(stamps.map((s) => /<[abc]\/>/.exec(s.body)?.[0]).sort()).toEqual([
        '<a/>',
        '<b/>',
        '<c/>',
      ]);
    } finally {
      await fake.stop();
    }
  });

  it('cancels on SW’s path, the substitute last, and authenticates again once after a 401', async () => {
    const fake = await recordingFake();
    try {
      let expired = true;
      fake.answer((req, res) => {
        if (req.url === '/security/authenticate')
          return json(res, 200, {
            data: { token: 'T', expires_in: 4102444800 },
            status: 'success',
          });
        if (expired) {
          expired = false;
          return json(res, 401, { message: 'token expired', data: null, status: 'error' });
        }
        json(res, 200, {
          data: { acuse: '<Acuse/>', uuid: { 'A1B2C3D4-0000-4000-8000-000000000001': '201' } },
          status: 'success',
        });
      });
      const result = await adapter(fake.url).cancel({
        issuerRfc: 'EKU9003173C9',
        uuid: 'A1B2C3D4-0000-4000-8000-000000000001',
        reason: '01',
        substitute: 'A1B2C3D4-0000-4000-8000-000000000002',
      });
      // SW's acknowledgement does not say whether SAT waits for the receptor.
      expect(result).toEqual({ status: 'pending', at: NOW.toISOString() });
      expect(fake.requests.map((r) => r.path)).toEqual([
        '/security/authenticate',
        '/cfdi33/cancel/EKU9003173C9/A1B2C3D4-0000-4000-8000-000000000001/01/A1B2C3D4-0000-4000-8000-000000000002',
        '/security/authenticate',
        '/cfdi33/cancel/EKU9003173C9/A1B2C3D4-0000-4000-8000-000000000001/01/A1B2C3D4-0000-4000-8000-000000000002',
      ]);
    } finally {
      await fake.stop();
    }
  });

  it('maps a per-UUID SAT status other than 201 to a refusal naming the UUID', async () => {
    const fake = await recordingFake();
    try {
      fake.answer((_req, res) =>
        json(res, 200, {
          data: { acuse: '<Acuse/>', uuid: { 'A1B2C3D4-0000-4000-8000-000000000001': '203' } },
          status: 'success',
        }),
      );
      const pac = adapter(fake.url, { credentials: async () => ({ token: 'T' }) });
      expect(
        await rejection(
          pac.cancel({
            issuerRfc: 'EKU9003173C9',
            uuid: 'a1b2c3d4-0000-4000-8000-000000000001',
            reason: '02',
          }),
        ),
      ).toEqual({ code: '203', path: 'uuid' });
    } finally {
      await fake.stop();
    }
  });

  it('returns the first stamp when SW answers 307 with it', async () => {
    const fake = await recordingFake();
    try {
      fake.answer((_req, res) =>
        json(res, 400, {
          message: '307 - El CFDI contiene un timbre previo.',
          data: stampData,
          status: 'error',
        }),
      );
      const pac = adapter(fake.url, { credentials: async () => ({ token: 'T' }) });
      expect(await pac.stamp('<a/>')).toEqual({
        xml: '<cfdi/>',
        uuid: stampData.uuid.toUpperCase(),
        stampedAt: stampData.fechaTimbrado,
      });
    } finally {
      await fake.stop();
    }
  });

  it('is unavailable on a timeout, a 5xx, an HTML error page or no server at all', async () => {
    const fake = await recordingFake();
    try {
      const pac = adapter(fake.url, { credentials: async () => ({ token: 'T' }), timeoutMs: 300 });
      fake.answer(() => {}); // never answers
      await expect(pac.stamp('<a/>')).rejects.toThrow(/did not answer within 300 ms/);
      fake.answer((_req, res) =>
        json(res, 500, { message: 'CO1000 - Error no controlado.', status: 'error' }),
      );
      await expect(pac.stamp('<a/>')).rejects.toBeInstanceOf(PacUnavailableError);
      fake.answer((_req, res) => {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html>Bad gateway</html>');
      });
      await expect(pac.stamp('<a/>')).rejects.toBeInstanceOf(PacUnavailableError);
      fake.answer((_req, res) => json(res, 200, { data: { uuid: 'x' }, status: 'success' }));
      await expect(pac.stamp('<a/>')).rejects.toBeInstanceOf(PacUnavailableError);
    } finally {
      await fake.stop();
    }
    const gone = adapter(fake.url, { credentials: async () => ({ token: 'T' }) });
    await expect(gone.stamp('<a/>')).rejects.toThrow(/could not be reached/);
  });
});
