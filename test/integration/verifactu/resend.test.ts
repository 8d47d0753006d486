import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, repositories, tableName } from '@sello/app/platform';
import { sandboxSchemaPath } from '@sello/app/verifactu';
import { keys } from '@sello/aws';
import { ulidIds } from '@sello/core/ports';
import {
  type SubmissionDeps,
  type SubmissionRepository,
  type Submitter,
  submitPending,
} from '@sello/core/verifactu';
import { beforeAll, describe, expect, it } from 'vitest';
import { SandboxSubmitter } from '../../../packages/aws/src/verifactu/sandbox-submitter.ts';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { acceptanceLines } from '../../support/invoices.ts';

/**
 * A sender that dies after AEAT registered its request and before it stored the answer, end to
 * end: the records are issued through the API, the first run "crashes" right after the sandbox
 * answered (from then on it writes nothing, as a killed Lambda), its lease runs out, and the next
 * run resends. The sandbox answers the resend as AEAT does, with duplicates (3000 and
 * RegistroDuplicado); the sender settles them as the accepted records they are.
 */
const api = await startApi();
const sandbox = new SandboxSubmitter({ schemaPath: sandboxSchemaPath() });
const { verifactu, verifactuSubmissions, tenants } = repositories();

let wall = new Date('2026-11-23T10:00:00Z');
let dead = false;

/** The real repository, until the run is dead: then every call fails, as nothing more runs. */
const submissions = new Proxy(verifactuSubmissions, {
  get(target, name, receiver) {
    const value = Reflect.get(target, name, receiver);
    if (typeof value !== 'function') return value;
    return (...args: unknown[]) => {
      if (dead) return Promise.reject(new Error('the process is gone'));
      return value.apply(target, args);
    };
  },
}) as SubmissionRepository;

/** Sends to the sandbox (AEAT registers), then the run dies before storing anything. */
const crashing: Submitter = {
  submit: async (request) => {
    await sandbox.submit(request);
    dead = true;
    throw new Error('Runtime.ExitError: signal: killed');
  },
};

const deps = (submitter: Submitter): SubmissionDeps => ({
  submissions,
  submitter,
  tenants,
  clock: { now: () => wall },
  ids: ulidIds,
});

let key: string;
let tenantId: string;
let invoices: Array<{ id: string }>;

beforeAll(async () => {
  ({ key, tenantId } = await createTenant('Resend tenant'));
  const customerId = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
  invoices = [];
  for (let i = 0; i < 3; i++) {
    const draft = (
      await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: acceptanceLines } })
    ).json;
    invoices.push((await api.call('POST', `/v1/invoices/${draft.id}/issue`, { key })).json);
  }
  // The second one reaches AEAT with a huella that does not match: registered with error 2000.
  const [second] = await verifactu.ofInvoice(tenantId, invoices[1]!.id);
  await documentClient().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.chainRecord(tenantId, second!.seq),
      UpdateExpression: 'SET #r.Huella = :h',
      ExpressionAttributeNames: { '#r': 'record' },
      ExpressionAttributeValues: { ':h': 'B'.repeat(64) },
    }),
  );
});

const verifactuOf = async (id: string) =>
  (await api.call('GET', `/v1/invoices/${id}/verifactu`, { key })).json;
const batches = async () =>
  (await api.call('GET', '/v1/verifactu/submissions', { key })).json.items;

describe('a resend after the sender died between AEAT’s answer and storing it', () => {
  it('loses the answer: nothing is stored, the records stay pending, the lease stays taken', async () => {
    await expect(submitPending(deps(crashing))(tenantId, wall)).rejects.toThrow('killed');
    dead = false;
    expect(await batches()).toEqual([]);
    for (const invoice of invoices) {
      expect((await verifactuOf(invoice.id)).submission).toEqual({ state: 'pending' });
    }
    // AEAT did register them: the sandbox holds all three.
    expect(sandbox.lastResponse).toContain(
      '<tikR:EstadoEnvio>ParcialmenteCorrecto</tikR:EstadoEnvio>',
    );

    wall = new Date(wall.getTime() + 60_000);
    expect((await submitPending(deps(sandbox))(tenantId, wall)).outcome).toBe('busy');
  });

  it('settles the resend’s duplicates as accepted, with the state AEAT holds, once the lease ran out', async () => {
    wall = new Date(wall.getTime() + 300_000);
    const out = await submitPending(deps(sandbox))(tenantId, wall);
    expect(out.outcome).toBe('sent');

    // What AEAT answered the resend: each record a duplicate of what it registered first.
    expect(sandbox.lastResponse!.match(/<tikR:CodigoErrorRegistro>3000</g)).toHaveLength(3);
    expect(sandbox.lastResponse).toContain(
      '<sum1:EstadoRegistroDuplicado>AceptadaConErrores</sum1:EstadoRegistroDuplicado>',
    );

    const [first, second, third] = await Promise.all(invoices.map((i) => verifactuOf(i.id)));
    const idPeticion = first.submission.alreadyRegistered.idPeticion;
    expect(idPeticion).toMatch(/^\d{1,20}$/);
    expect(first.submission).toEqual({
      state: 'accepted',
      alreadyRegistered: { idPeticion, estado: 'Correcta' },
      at: expect.any(String),
    });
    expect(second.submission).toEqual({
      state: 'acceptedWithErrors',
      errors: [
        { code: '2000', description: 'El cálculo de la huella suministrada es incorrecta.' },
      ],
      alreadyRegistered: { idPeticion, estado: 'AceptadaConErrores' },
      at: expect.any(String),
    });
    expect(third.submission.state).toBe('accepted');
    expect(second.remediable).toBe(true);

    // The resend's batch: AEAT refused it as a whole (all duplicates), we settled every record.
    const [batch] = await batches();
    expect(batch).toMatchObject({
      records: 3,
      estadoEnvio: 'Incorrecto',
      accepted: 2,
      acceptedWithErrors: 1,
      rejected: 0,
    });
    expect(batch.csv).toBeUndefined();
  });

  it('has nothing left to send, and no records noted as unanswered', async () => {
    wall = new Date(wall.getTime() + 120_000);
    expect((await submitPending(deps(sandbox))(tenantId, wall)).outcome).toBe('idle');
    const sender = await documentClient().send(
      new GetCommand({
        TableName: tableName(),
        Key: keys.recordSender(tenantId),
      }),
    );
    expect(sender.Item?.unanswered).toBeUndefined();
    expect(sender.Item?.leaseToken).toBeUndefined();
  });
});
