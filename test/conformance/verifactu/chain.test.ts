import { type BillingRecord, verifyChain } from '@sello/core/verifactu';
import { regFactuSistemaFacturacionXml } from '@sello/formats/verifactu';
import { describe, expect, it } from 'vitest';
import { buildChain, OBLIGADO } from './fixtures.ts';
import { huellaFromXml, readRequest, recordNodes } from './support.ts';

const records = buildChain();
const request = regFactuSistemaFacturacionXml({ obligado: OBLIGADO, records });

describe('the chain as sent', () => {
  it('carries in each record the huella recomputed independently from its XML', () => {
    const nodes = recordNodes(request);
    expect(nodes).toHaveLength(records.length);
    for (const [i, node] of nodes.entries()) expect(huellaFromXml(node)).toBe(records[i]!.Huella);
  });

  it('links each record to the one before, across the DST change', () => {
    const times = records.map((r) => r.FechaHoraHusoGenRegistro);
    expect(times.slice(0, 3)).toEqual([
      '2026-03-28T22:00:00+01:00',
      '2026-03-29T00:30:00+01:00',
      '2026-03-29T04:00:00+02:00',
    ]);
    const back = readRequest(request).records.map((r) => r.record);
    expect(verifyChain(back)).toEqual({ valid: true, checked: records.length });
  });

  it('fails verification where an amount was edited in the XML, naming that record', () => {
    // The withholding invoice: change its ImporteTotal as a tamperer would, in the sent XML.
    const target = records[2]!;
    expect(target.kind === 'alta' && target.ImporteTotal).toBe('1512.50');
    const edited = request.replace(
      '<sum1:ImporteTotal>1512.50</sum1:ImporteTotal>',
      '<sum1:ImporteTotal>1312.50</sum1:ImporteTotal>',
    );
    expect(edited).not.toBe(request);
    const back: BillingRecord[] = readRequest(edited).records.map((r) => r.record);
    const result = verifyChain(back);
    expect(result).toMatchObject({ valid: false, checked: 3, firstBroken: { index: 2 } });
    expect(result.firstBroken?.reason).toContain('alta of B12345674 F2026-000103 (29-03-2026)');
  });
});
