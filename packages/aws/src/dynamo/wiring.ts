import { ENV, SELLO_VERSION } from '@sello/contracts';
import {
  type InvoiceDeps,
  resolveLines,
  sistemaInformatico,
  systemClock,
  ulidIds,
} from '@sello/core';
import { optionalEnv } from '../config.ts';
import { repositories } from './repositories.ts';

/** VERI*FACTU settings from the environment; records are generated only when configured. */
export function verifactuConfig() {
  const producerNif = optionalEnv(ENV.verifactuProducerNif);
  if (!producerNif) return undefined;
  return {
    system: sistemaInformatico({
      producerName: optionalEnv(ENV.verifactuProducerName) ?? 'Sello',
      producerNif,
      version: SELLO_VERSION,
      installation: optionalEnv(ENV.verifactuInstallation) ?? 'default',
    }),
    environment: (optionalEnv(ENV.verifactuEnvironment) === 'production' ? 'production' : 'test') as
      | 'test'
      | 'production',
  };
}

/** The invoice use cases' dependencies over DynamoDB, with catalog prices for product lines. */
export function invoiceDeps(): InvoiceDeps {
  const r = repositories();
  const verifactu = verifactuConfig();
  return {
    invoices: r.invoices,
    series: r.series,
    customers: r.customers,
    tenants: r.tenants,
    resolveLines: resolveLines(r),
    clock: systemClock,
    ids: ulidIds,
    ...(verifactu ? { verifactu: { system: verifactu.system } } : {}),
  };
}
