import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { PartySnapshot } from '@sello/core/invoices';
import {
  type BillingRecord,
  linkOf,
  SubmissionFault,
  UnsendableRecord,
} from '@sello/core/verifactu';
import { describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import { chainOf, OBLIGADO, TENANT } from '../../testing/index.ts';
import { SANDBOX_CODES, SandboxSubmitter } from './sandbox-submitter.ts';

const schemas = join(import.meta.dirname, '../../../../test/fixtures/schemas/verifactu');
const schemaPath = join(schemas, 'SuministroLR.xsd');
const sandbox = (unidentified: string[] = []) => new SandboxSubmitter({ schemaPath, unidentified });
const send = (s: SandboxSubmitter, records: BillingRecord[]) =>
  s.submit({ tenantId: TENANT, obligado: OBLIGADO, records });
const after = (records: BillingRecord[]) => ({ previous: linkOf(records.at(-1)!) });

const GERMAN: PartySnapshot = {
  taxId: 'DE123456789',
  taxIdKind: 'EU_VAT',
  personType: 'legalEntity',
  name: 'Beispiel GmbH',
  address: { line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' },
};

/** The answer's body (RespuestaRegFactuSistemaFacturacion), checked against AEAT's schema. */
function validateAnswer(soap: string) {
  const body = create(soap).root().last().first().toString();
  const run = spawnSync(
    'xmllint',
    ['--noout', '--nonet', '--schema', join(schemas, 'RespuestaSuministro.xsd'), '-'],
    { input: `<?xml version="1.0" encoding="UTF-8"?>${body}`, encoding: 'utf8' },
  );
  expect(run.stderr).toContain('- validates');
  expect(run.status).toBe(0);
  return body;
}

describe('SandboxSubmitter', () => {
  it('accepts valid records, with a 16-character CSV and AEAT’s initial wait', async () => {
    const s = sandbox();
    const records = chainOf(['F-1', 'F-2', 'F-3']);
    const res = await s.submit({ tenantId: TENANT, obligado: OBLIGADO, records });
    expect(res).toMatchObject({ estadoEnvio: 'Correcto', tiempoEsperaEnvio: 60 });
    expect(res.csv).toMatch(/^[A-Z0-9-]{16}$/);
    expect(res.lines).toEqual([0, 1, 2].map((index) => ({ index, estadoRegistro: 'Correcto' })));
    // The message is the one AEAT would get: a SOAP 1.1 envelope around the request.
    expect(s.lastEnvelope).toContain('<soapenv:Envelope');
    expect(s.lastEnvelope).toContain('<sum:RegFactuSistemaFacturacion');
  });

  it('accepts with error 2000 a record whose huella does not match its fields', async () => {
    const records = chainOf(['F-1', 'F-2']);
    records[1]!.Huella = 'F'.repeat(64);
    const res = await sandbox().submit({ tenantId: TENANT, obligado: OBLIGADO, records });
    expect(res.estadoEnvio).toBe('ParcialmenteCorrecto');
    expect(res.lines[1]).toEqual({
      index: 1,
      estadoRegistro: 'AceptadoConErrores',
      codigoError: '2000',
      descripcionError: SANDBOX_CODES.huella.text,
    });
  });

  it('rejects with 3000 an invoice already registered, in a later request or the same one', async () => {
    const s = sandbox();
    const [first] = chainOf(['F-1']);
    await s.submit({ tenantId: TENANT, obligado: OBLIGADO, records: [first!] });
    const again = chainOf(['F-1', 'F-2', 'F-2'], { previous: linkOf(first!) });
    const res = await s.submit({ tenantId: TENANT, obligado: OBLIGADO, records: again });
    expect(res.lines.map((l) => [l.estadoRegistro, l.codigoError])).toEqual([
      ['Incorrecto', '3000'],
      ['Correcto', undefined],
      ['Incorrecto', '3000'],
    ]);
    expect(res.csv).toBeDefined();

    const allRejected = await s.submit({ tenantId: TENANT, obligado: OBLIGADO, records: [first!] });
    expect(allRejected.estadoEnvio).toBe('Incorrecto');
    expect(allRejected.csv).toBeUndefined();
  });

  it('rejects with 3001 a second annulment, and keeps the number taken after one', async () => {
    const s = sandbox();
    const records = chainOf(['F-1', { void: 'F-1' }, { void: 'F-1' }, 'F-1']);
    const res = await s.submit({ tenantId: TENANT, obligado: OBLIGADO, records });
    expect(res.lines.map((l) => l.codigoError ?? l.estadoRegistro)).toEqual([
      'Correcto',
      'Correcto',
      '3001',
      '3000',
    ]);
  });

  it('answers a request that breaks the schema with a fault, registering nothing', async () => {
    const s = sandbox();
    const [tooLong] = chainOf(['F-1']);
    if (tooLong?.kind === 'alta') tooLong.IDFactura.NumSerieFactura = 'F'.repeat(61);
    const fault = await s
      .submit({ tenantId: TENANT, obligado: OBLIGADO, records: [tooLong!] })
      .catch((e) => e);
    expect(fault).toBeInstanceOf(SubmissionFault);
    expect(fault).toMatchObject({ faultCode: 'env:Client' });
    expect(fault.message).toMatch(/NumSerieFactura/);
  });

  it('names a record it cannot write (UnsendableRecord) before anything is sent', async () => {
    const s = sandbox();
    const records = chainOf(['F-1', 'F-2', 'F-3']);
    if (records[1]?.kind === 'alta') records[1].DescripcionOperacion = 'Revisión\u000b anual';
    const refused = await send(s, records).catch((e) => e);
    expect(refused).toBeInstanceOf(UnsendableRecord);
    expect(refused).toMatchObject({
      index: 1,
      message: 'DescripcionOperacion holds U+000B, which XML 1.0 cannot carry',
    });
    expect(s.lastEnvelope).toBeUndefined();
    // Nothing was registered: the same invoices go through once the record is left out.
    const res = await send(s, [records[0]!, records[2]!]);
    expect(res.lines.map((l) => l.estadoRegistro)).toEqual(['Correcto', 'Correcto']);
  });

  it('answers a duplicate with AEAT’s RegistroDuplicado: the request that registered it and its state', async () => {
    const s = sandbox();
    const first = chainOf(['F-1', 'F-2']);
    first[1]!.Huella = 'F'.repeat(64);
    await send(s, first);
    validateAnswer(s.lastResponse!);

    const res = await send(s, chainOf(['F-1', 'F-2'], after(first)));
    expect(res.estadoEnvio).toBe('Incorrecto');
    expect(res.lines).toEqual([
      {
        index: 0,
        estadoRegistro: 'Incorrecto',
        codigoError: '3000',
        descripcionError: SANDBOX_CODES.duplicate.text,
        duplicate: { idPeticion: expect.stringMatching(/^\d{1,20}$/), estado: 'Correcta' },
      },
      {
        index: 1,
        estadoRegistro: 'Incorrecto',
        codigoError: '3000',
        descripcionError: SANDBOX_CODES.duplicate.text,
        duplicate: {
          idPeticion: res.lines[0]!.duplicate!.idPeticion,
          estado: 'AceptadaConErrores',
          codigoError: '2000',
          descripcionError: SANDBOX_CODES.huella.text,
        },
      },
    ]);
    const body = validateAnswer(s.lastResponse!);
    expect(body).toContain('<tikR:RegistroDuplicado><sum1:IdPeticionRegistroDuplicado>');
    expect(body).toContain(
      '<sum1:EstadoRegistroDuplicado>AceptadaConErrores</sum1:EstadoRegistroDuplicado>',
    );
    // Refused as a whole: no CSV and no presentation data.
    expect(body).not.toContain('CSV');
  });

  it('registers an "alta por rechazo" (S, X) of a rejected invoice, and refuses it once AEAT holds one', async () => {
    const s = sandbox(['DE123456789']);
    const [original] = chainOf(['F-1'], { customer: GERMAN });
    const refused = await send(s, [original!]);
    expect(refused.lines[0]).toMatchObject({
      estadoRegistro: 'Incorrecto',
      codigoError: SANDBOX_CODES.recipientId.code,
    });
    validateAnswer(s.lastResponse!);

    // The same correction with the id read as a document of the country of residence.
    const fixed = chainOf([{ remedy: 'F-1', rechazo: 'X', recipientIdType: '04' }], {
      customer: GERMAN,
      previous: linkOf(original!),
    });
    const accepted = await send(s, fixed);
    expect(accepted).toMatchObject({ estadoEnvio: 'Correcto' });
    expect(accepted.lines).toEqual([{ index: 0, estadoRegistro: 'Correcto' }]);
    const body = validateAnswer(s.lastResponse!);
    expect(body).toContain(
      '<tikR:Operacion><sum1:TipoOperacion>Alta</sum1:TipoOperacion><sum1:Subsanacion>S</sum1:Subsanacion><sum1:RechazoPrevio>X</sum1:RechazoPrevio></tikR:Operacion>',
    );
    expect(body).toMatch(/<tikR:CSV>S-[A-Z0-9]{14}<\/tikR:CSV>/);

    const again = await send(
      s,
      chainOf([{ remedy: 'F-1', rechazo: 'X', recipientIdType: '04' }], {
        customer: GERMAN,
        ...after(fixed),
      }),
    );
    expect(again.lines[0]).toMatchObject({
      codigoError: '3000',
      duplicate: { estado: 'Correcta' },
    });
  });

  it('replaces a record accepted with errors with its correction (S), and a correction needs a record', async () => {
    const s = sandbox();
    const first = chainOf(['F-1']);
    first[0]!.Huella = 'F'.repeat(64);
    expect((await send(s, first)).lines[0]!.estadoRegistro).toBe('AceptadoConErrores');

    const fix = chainOf([{ remedy: 'F-1' }], after(first));
    expect((await send(s, fix)).lines).toEqual([{ index: 0, estadoRegistro: 'Correcto' }]);
    // What AEAT holds is now the correction: a duplicate names it Correcta.
    const dup = await send(s, chainOf(['F-1'], after(fix)));
    expect(dup.lines[0]!.duplicate?.estado).toBe('Correcta');

    const nothingToFix = await send(s, chainOf([{ remedy: 'F-9' }], after(fix)));
    expect(nothingToFix.lines[0]).toMatchObject({
      estadoRegistro: 'Incorrecto',
      codigoError: SANDBOX_CODES.notFound.code,
    });
    const rechazoS = await send(s, chainOf([{ remedy: 'F-1', rechazo: 'S' }], after(fix)));
    expect(rechazoS.lines[0]!.estadoRegistro).toBe('Correcto');
  });

  it('refuses RechazoPrevio without Subsanacion (1153, 1161) and an annulment of nothing (3002)', async () => {
    const s = sandbox();
    const records = chainOf(['F-1', 'F-2', { void: 'F-3' }]);
    (records[0] as { RechazoPrevio?: string }).RechazoPrevio = 'X';
    (records[1] as { RechazoPrevio?: string }).RechazoPrevio = 'S';
    const res = await send(s, records);
    expect(res.lines.map((l) => l.codigoError)).toEqual(['1153', '1161', '3002']);
  });

  it('accepts with 2001 a recipient NIF the census does not know', async () => {
    const s = sandbox(['A58818501']);
    const res = await send(s, chainOf(['F-1']));
    expect(res.lines[0]).toMatchObject({
      estadoRegistro: 'AceptadoConErrores',
      codigoError: '2001',
    });
  });
});
