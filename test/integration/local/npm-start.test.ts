import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../../packages/local/src/services/ports.ts';
import { accepts, listeningAddresses, nonLoopbackIPv4 } from '../../support/listening.ts';
import { startLocalPlatform, stopLocalPlatform } from '../../support/local-platform.ts';

const root = join(import.meta.dirname, '../../..');
const dataDir = mkdtempSync(join(tmpdir(), 'sello-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** `npm start` with this file's data folder, on the given ports. */
const start = (port: number, mailPort: number) =>
  startLocalPlatform({
    PORT: String(port),
    SELLO_MAIL_PORT: String(mailPort),
    SELLO_DATA_DIR: dataDir,
  });
const stop = stopLocalPlatform;

const local = () => JSON.parse(readFileSync(join(dataDir, 'local.json'), 'utf8'));

describe('npm start', () => {
  it('starts everything, writes local.json, serves the API, and Ctrl-C stops every child', async () => {
    const [port, mailPort] = [await freePort(), await freePort()];
    const { child, output } = await start(port, mailPort);
    const info = local();
    expect(Object.keys(info).sort()).toEqual([
      'apiKey',
      'apiUrl',
      'connectors',
      'customer',
      'mailUrl',
      'mx',
      'pacUrl',
      'portalUrl',
      'staffEmail',
      'staffPassword',
      'tenantId',
    ]);
    expect(info.apiUrl).toBe(`http://127.0.0.1:${port}`);
    // The demo owner is printed with its password, and signs in to the demo tenant.
    await vi.waitFor(() =>
      expect(output()).toContain(`sign in  ${info.staffEmail} / ${info.staffPassword}`),
    );
    const signedIn = await fetch(`${info.apiUrl}/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: info.staffEmail, password: info.staffPassword }),
    });
    expect(signedIn.status).toBe(200);
    const session = (await signedIn.json()) as { accessToken: string; user: unknown };
    expect(session.user).toMatchObject({ tenantId: info.tenantId, role: 'owner' });
    const asOwner = await fetch(`${info.apiUrl}/v1/tenant`, {
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    expect(asOwner.status).toBe(200);

    // The demo customer signs in as itself and finds its prepaid deposits to invoice.
    expect(output()).toContain(`customer ${info.customer.email} / ${info.customer.password}`);
    const asCustomer = await fetch(`${info.apiUrl}/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: info.customer.email, password: info.customer.password }),
    });
    expect(asCustomer.status).toBe(200);
    const token = ((await asCustomer.json()) as { accessToken: string }).accessToken;
    const deposits = await fetch(
      `${info.apiUrl}/v1/recipients/me/suppliers/${info.tenantId}/deposits?status=uninvoiced`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(deposits.status).toBe(200);
    expect(((await deposits.json()) as { items: unknown[] }).items).toHaveLength(6);

    const health = await fetch(`${info.apiUrl}/v1/health`);
    expect(health.status).toBe(200);
    const created = await fetch(`${info.apiUrl}/v1/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${info.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        taxId: '00000000T',
        name: 'Persistida',
        address: { line1: 'Calle 1', city: 'Madrid', postalCode: '28001', country: 'ES' },
      }),
    });
    expect(created.status).toBe(201);
    expect((await fetch(info.mailUrl)).status).toBe(200);
    // The owner's credentials for the fake insurer platform are set and work: an issued invoice
    // forwarded as the owner is registered there, its number on the invoice.
    expect(info.connectors.insurerPlatform).toMatchObject({ username: 'taller.demo' });
    expect(output()).toContain(`insurer  ${info.connectors.insurerPlatform.url}`);
    const api = async (method: string, path: string, auth: string, body?: unknown) => {
      const res = await fetch(`${info.apiUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      // biome-ignore lint/suspicious/noExplicitAny: the answers are read field by field
      return { status: res.status, json: (await res.json()) as any };
    };
    const toForward = await api('POST', '/v1/invoices', info.apiKey, {
      customerId: ((await created.json()) as { id: string }).id,
      lines: [
        {
          description: 'Reparación',
          quantity: '1',
          unitPrice: '100.00',
          taxes: [{ type: 'IVA', rate: '21' }],
        },
      ],
    });
    expect((await api('POST', `/v1/invoices/${toForward.json.id}/issue`, info.apiKey)).status).toBe(
      200,
    );
    const forwarded = await api(
      'POST',
      `/v1/invoices/${toForward.json.id}/forward`,
      session.accessToken,
      {
        connector: 'insurer-platform',
      },
    );
    expect(forwarded.status).toBe(202);
    await vi.waitFor(
      async () => {
        const invoice = await api('GET', `/v1/invoices/${toForward.json.id}`, info.apiKey);
        expect(invoice.json.forwarding).toEqual([
          expect.objectContaining({
            status: 'delivered',
            registryNumber: expect.stringMatching(/^ASG-/),
          }),
        ]);
      },
      { timeout: 30_000, interval: 250 },
    );
    // The Mexican demo tenant has SAT's test CSD: its first invoice is stamped by the sandbox PAC.
    const mx = async (path: string, body: unknown) => {
      const res = await fetch(`${info.apiUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${info.mx.apiKey}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      // biome-ignore lint/suspicious/noExplicitAny: the answers are read field by field
      return { status: res.status, json: (await res.json()) as any };
    };
    const buyer = await mx('/v1/customers', {
      taxId: 'MCI7306249Y6',
      name: 'MINISTERIO DE CULTURA INDIGENA',
      taxRegime: '603',
      address: {
        line1: 'Calle Hidalgo 77',
        city: 'Ciudad de México',
        postalCode: '06300',
        country: 'MX',
      },
    });
    expect(buyer.status).toBe(201);
    const line = { description: 'Servicio', quantity: '1', unitPrice: '100.00' };
    const cfdiDraft = await mx('/v1/invoices', {
      customerId: buyer.json.id,
      cfdiUse: 'G03',
      lines: [
        {
          ...line,
          taxes: [{ type: 'IVA', rate: '16' }],
          satProductKey: '81111500',
          satUnitKey: 'E48',
          taxObject: '02',
        },
      ],
    });
    expect(cfdiDraft.status).toBe(201);
    const stamped = await mx(`/v1/invoices/${cfdiDraft.json.id}/issue`, undefined);
    expect(stamped.json.cfdi).toMatchObject({ status: 'stamped' });
    // Its tickets print a company number whose public self-invoicing page is on.
    const company = await fetch(`${info.apiUrl}/v1/public/self-invoicing/${info.mx.companyNumber}`);
    expect(company.status).toBe(200);
    expect(await company.json()).toMatchObject({
      jurisdiction: 'MX',
      name: 'ESCUELA KEMPER URGATE',
    });
    // The sandbox PAC, in SW Sapien's protocol: a wrong account is refused as SW refuses it.
    const pacAuth = await fetch(`${info.pacUrl}/security/authenticate`, {
      method: 'POST',
      headers: { user: 'nobody', password: 'nothing' },
    });
    expect(pacAuth.status).toBe(401);
    expect(((await pacAuth.json()) as { message: string }).message).toMatch(/^AU2000 - /);
    // The portal at `/` (built by the start when missing), the local platform's page at /local.
    const portal = await fetch(info.portalUrl);
    expect(portal.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await portal.text();
    expect(html).toContain('<div id="root"></div>');
    expect(html).toMatch(/src="\/assets\/index-[\w-]+\.js"/);
    const landing = await (await fetch(`${info.apiUrl}/local`)).text();
    expect(landing).toContain(info.tenantId);
    // SELLO_DATA_DIR moved the data: both the output and the page name where local.json really is.
    expect(output()).toContain(`(also in ${join(dataDir, 'local.json')})`);
    expect(landing).toContain(join(dataDir, 'local.json'));
    expect(landing).not.toContain('.sello/local.json');
    expect(existsSync(join(dataDir, 'signer', 'signing-cert.pem'))).toBe(true);

    const dynamo = /DynamoDB Local (http:\/\/[\d.:]+)/.exec(output())![1]!;
    const s3 = / S3 (http:\/\/[\d.:]+)/.exec(output())![1]!;
    const cognito = / Cognito (http:\/\/[\d.:]+)/.exec(output())![1]!;
    expect((await fetch(s3)).status).toBeLessThan(500);
    expect(await stop(child)).toBe(0);
    // The JVM child is gone with it, and so is the S3/SES/KMS host: their ports no longer answer.
    await expect(fetch(dynamo, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    await expect(fetch(s3, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    await expect(fetch(cognito, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    await expect(fetch(info.mailUrl, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    await expect(fetch(`${info.apiUrl}/v1/health`)).rejects.toThrow();
  });

  it('listens on loopback only: API, mail view, DynamoDB Local, S3, SES, KMS, Cognito and the fake insurer platform', async () => {
    const [port, mailPort] = [await freePort(), await freePort()];
    const { child, output } = await start(port, mailPort);
    try {
      const endpoint = (name: string) => {
        const url = new RegExp(`${name} (http://[\\d.:]+)`).exec(output())?.[1];
        expect(url, `${name} in:\n${output()}`).toBeDefined();
        return new URL(url!);
      };
      const servers = {
        api: new URL(local().apiUrl),
        mail: new URL(local().mailUrl),
        dynamodb: endpoint('DynamoDB Local'),
        s3: endpoint('S3'),
        ses: endpoint('SES'),
        kms: endpoint('KMS'),
        cognito: endpoint('Cognito'),
        insurer: endpoint('fake insurer platform'),
      };
      const outside = nonLoopbackIPv4();
      for (const [name, url] of Object.entries(servers)) {
        expect(url.hostname, name).toBe('127.0.0.1');
        // Bound to loopback, not to every interface (0.0.0.0 / ::).
        expect(listeningAddresses(Number(url.port)), name).toEqual(['127.0.0.1']);
        expect(await accepts('127.0.0.1', Number(url.port)), name).toBe(true);
        // From another interface of this machine, nothing answers.
        if (outside)
          expect(await accepts(outside, Number(url.port)), `${name} on ${outside}`).toBe(false);
      }
    } finally {
      expect(await stop(child)).toBe(0);
    }
  }, 90_000);

  it('a second start reuses the demo tenant, its key and the data', async () => {
    const before = local();
    const [port, mailPort] = [await freePort(), await freePort()];
    const { child } = await start(port, mailPort);
    const after = local();
    expect(after.tenantId).toBe(before.tenantId);
    expect(after.apiKey).toBe(before.apiKey);
    expect(after.staffEmail).toBe(before.staffEmail);
    expect(after.staffPassword).toBe(before.staffPassword);
    expect(after.mx).toEqual(before.mx);
    expect(after.customer).toEqual(before.customer);
    const list = await fetch(`${after.apiUrl}/v1/customers`, {
      headers: { authorization: `Bearer ${after.apiKey}` },
    });
    expect(
      ((await list.json()) as { items: { name: string }[] }).items.map(
        (c: { name: string }) => c.name,
      ),
    ).toEqual(['Lucía Prepago Martín', 'Persistida']);
    expect(await stop(child)).toBe(0);
  });

  it('says plainly that a Java runtime is missing, and exits', async () => {
    const run = spawn(process.execPath, ['--import', 'tsx', 'packages/local/src/start.ts'], {
      cwd: root,
      // No directory on PATH holds `java`.
      env: { ...process.env, PATH: '/nonexistent', SELLO_DATA_DIR: join(dataDir, 'nojava') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    run.stderr.on('data', (c) => (output += c));
    const code = await new Promise<number | null>((resolve) => run.on('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('DynamoDB Local needs a Java runtime (JRE 17 or newer)');
    expect(output).toContain('openjdk-17-jre-headless');
  });

  it('fails cleanly when a port is taken, leaving no DynamoDB Local behind', async () => {
    const busy = createServer();
    const mailPort = await freePort();
    await new Promise<void>((ok) => busy.listen(mailPort, '127.0.0.1', ok));
    const dir = join(dataDir, 'busy');
    const run = spawn(process.execPath, ['--import', 'tsx', 'packages/local/src/start.ts'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(await freePort()),
        SELLO_MAIL_PORT: String(mailPort),
        SELLO_DATA_DIR: dir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    run.stderr.on('data', (c) => (output += c));
    const code = await new Promise<number | null>((resolve) => run.on('exit', resolve));
    busy.close();
    expect(code, output).toBe(1);
    expect(output).toContain(
      `Port ${mailPort} for the mail view is in use (EADDRINUSE); set SELLO_MAIL_PORT`,
    );
    const jvms = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout;
    expect(jvms).not.toContain(join(dir, 'dynamodb'));
  });
});
