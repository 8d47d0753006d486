import { join } from 'node:path';
import { linkOf, SubmissionFault } from '@sello/core';
import { describe, expect, it } from 'vitest';
import { SANDBOX_CODES, SandboxSubmitter } from './sandbox-submitter.ts';
import { chainOf, OBLIGADO } from './testing.ts';

const schemaPath = join(
  import.meta.dirname,
  '../../../../test/fixtures/schemas/verifactu/SuministroLR.xsd',
);
const sandbox = () => new SandboxSubmitter({ schemaPath });

describe('SandboxSubmitter', () => {
  it('accepts valid records, with a 16-character CSV and AEAT’s initial wait', async () => {
    const s = sandbox();
    const records = chainOf(['F-1', 'F-2', 'F-3']);
    const res = await s.submit({ obligado: OBLIGADO, records });
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
    const res = await sandbox().submit({ obligado: OBLIGADO, records });
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
    await s.submit({ obligado: OBLIGADO, records: [first!] });
    const again = chainOf(['F-1', 'F-2', 'F-2'], { previous: linkOf(first!) });
    const res = await s.submit({ obligado: OBLIGADO, records: again });
    expect(res.lines.map((l) => [l.estadoRegistro, l.codigoError])).toEqual([
      ['Incorrecto', '3000'],
      ['Correcto', undefined],
      ['Incorrecto', '3000'],
    ]);
    expect(res.csv).toBeDefined();

    const allRejected = await s.submit({ obligado: OBLIGADO, records: [first!] });
    expect(allRejected.estadoEnvio).toBe('Incorrecto');
    expect(allRejected.csv).toBeUndefined();
  });

  it('rejects with 3001 a second annulment, and keeps the number taken after one', async () => {
    const s = sandbox();
    const records = chainOf(['F-1', { void: 'F-1' }, { void: 'F-1' }, 'F-1']);
    const res = await s.submit({ obligado: OBLIGADO, records });
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
    const fault = await s.submit({ obligado: OBLIGADO, records: [tooLong!] }).catch((e) => e);
    expect(fault).toBeInstanceOf(SubmissionFault);
    expect(fault).toMatchObject({ faultCode: 'env:Client' });
    expect(fault.message).toMatch(/NumSerieFactura/);
  });
});
