import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, repositories, tableName } from '@sello/app/platform';
import { keys } from '@sello/aws';
import { systemClock, ulidIds } from '@sello/core/ports';
import { provisionTenant } from '@sello/core/tenants';
import {
  computeHuella,
  linkOf,
  type RegistroAlta,
  sistemaInformatico,
} from '@sello/core/verifactu';
import type { Platform } from '../../packages/local/src/platform.ts';
import { median } from './stats.ts';

export interface ChainResult {
  /** The issue run's chain: every issued invoice appended one record, checked for forks and gaps. */
  issuedChain: { records: number; valid: boolean };
  verify: { records: number; runs: number[]; medianMs: number; recordsPerSecond: number };
}

const post = async (platform: Platform, key: string, path: string) => {
  const res = await fetch(`${platform.info.apiUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}` },
  });
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { valid: boolean; checked: number; firstBroken?: unknown };
};

/** A chain of `n` records, each linked to the one before, huellas computed as in production. */
function chainOf(n: number): RegistroAlta[] {
  const system = sistemaInformatico({
    producerName: 'Sello (bench)',
    producerNif: '89890001K',
    version: 'bench',
    installation: 'bench',
  });
  const records: RegistroAlta[] = [];
  for (let i = 1; i <= n; i++) {
    const previous = records.at(-1);
    const record: RegistroAlta = {
      kind: 'alta',
      IDVersion: '1.0',
      IDFactura: {
        IDEmisorFactura: 'B12345674',
        NumSerieFactura: `B2026-${String(i).padStart(6, '0')}`,
        FechaExpedicionFactura: '23-11-2026',
      },
      NombreRazonEmisor: 'Bench, S.L.',
      TipoFactura: 'F1',
      DescripcionOperacion: 'Servicios',
      Desglose: [],
      CuotaTotal: '21.00',
      ImporteTotal: '121.00',
      ...(previous ? { RegistroAnterior: linkOf(previous) } : {}),
      SistemaInformatico: system,
      FechaHoraHusoGenRegistro: '2026-11-23T10:00:00+01:00',
      TipoHuella: '01',
      Huella: '',
    };
    record.Huella = computeHuella(record);
    records.push(record);
  }
  return records;
}

/**
 * VERI*FACTU figures: the chain the issue run built (16 concurrent issuers) must be one line, and
 * verifying a 10,000-record chain end to end through the API is timed.
 */
export async function benchChain(
  platform: Platform,
  options: { records: number; runs: number; log: (line: string) => void },
): Promise<ChainResult> {
  const issued = await post(platform, platform.info.apiKey, '/v1/verifactu/verify');
  options.log(`issued chain: ${issued.checked} records, valid=${issued.valid}`);

  const { tenant, secret } = await provisionTenant({
    tenants: repositories().tenants,
    clock: systemClock,
    ids: ulidIds,
  })({
    name: 'Bench chain, S.L.',
    taxId: 'B12345674',
    email: 'bench@example.es',
    language: 'es',
    timezone: 'Europe/Madrid',
    address: { line1: 'Calle 1', city: 'Madrid', postalCode: '28001', country: 'ES' },
  });
  const records = chainOf(options.records);
  const started = Date.now();
  const items = records.map((record, i) => ({
    ...keys.chainRecord(tenant.id, i + 1),
    type: 'billingRecord',
    tenantId: tenant.id,
    seq: i + 1,
    invoiceId: `inv_bench${i + 1}`,
    record,
    generatedAt: record.FechaHoraHusoGenRegistro,
    submission: { state: 'pending' },
  }));
  for (let i = 0; i < items.length; i += 25) {
    let batch = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (batch.length) {
      const out = await documentClient().send(
        new BatchWriteCommand({ RequestItems: { [tableName()]: batch } }),
      );
      batch = (out.UnprocessedItems?.[tableName()] ?? []) as typeof batch;
    }
  }
  options.log(
    `${records.length} chained records written in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  const runs: number[] = [];
  for (let r = 0; r < options.runs; r++) {
    const t = performance.now();
    const result = await post(platform, secret, '/v1/verifactu/verify');
    runs.push(performance.now() - t);
    if (!result.valid || result.checked !== records.length) {
      throw new Error(`verify answered ${JSON.stringify(result)} for ${records.length} records`);
    }
  }
  const medianMs = median(runs);
  options.log(`verify ${records.length} records: median ${medianMs.toFixed(0)} ms`);
  return {
    issuedChain: { records: issued.checked, valid: issued.valid },
    verify: {
      records: records.length,
      runs,
      medianMs,
      recordsPerSecond: Math.round((records.length / medianMs) * 1000),
    },
  };
}
