import { ENV, SELLO_VERSION, triggered } from '@sello/contracts';
import {
  type AfterIssue,
  type InvoiceDeps,
  resolveLines,
  sistemaInformatico,
  systemClock,
  ulidIds,
} from '@sello/core';
import { optionalEnv } from '../config.ts';
import { invoker } from '../lambda/invoker.ts';
import { repositories } from './repositories.ts';

// Until the package index exports the invoker itself (the local platform swaps it in).

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

/**
 * How long a container trusts what it read of a tenant's profile and series list. Series never
 * change once created (a code not yet seen is read again, see `chooseSeries`); the profile is
 * what an invoice issued in the next seconds freezes as its issuer, so the window stays short.
 */
const PROFILE_TTL_MS = 5_000;

/**
 * A per-container cache of `load`, `ttlMs` long. Concurrent misses share one read; failures and
 * `undefined` (not found) are not kept.
 */
function cachedFor<V>(ttlMs: number, load: (key: string) => Promise<V>) {
  const entries = new Map<string, { value: Promise<V>; until: number }>();
  const get = (key: string): Promise<V> => {
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && hit.until > now) return hit.value;
    const value = load(key);
    entries.set(key, { value, until: now + ttlMs });
    const drop = () => {
      if (entries.get(key)?.value === value) entries.delete(key);
    };
    value.then((v) => {
      if (v === undefined) drop();
    }, drop);
    return value;
  };
  return { get, forget: (key: string) => void entries.delete(key) };
}

let cached: Pick<InvoiceDeps, 'tenants' | 'series'> | undefined;

/** Tenants and series behind the per-container cache; writes go straight through. */
function cachedProfile(): Pick<InvoiceDeps, 'tenants' | 'series'> {
  if (!cached) {
    const { tenants, series } = repositories();
    const tenant = cachedFor(PROFILE_TTL_MS, (id) => tenants.get(id));
    const seriesOf = cachedFor(PROFILE_TTL_MS, (tenantId) => series.list(tenantId));
    cached = {
      tenants: { get: tenant.get, create: (t, key) => tenants.create(t, key) },
      series: {
        list: (tenantId, options) => {
          if (options?.fresh) seriesOf.forget(tenantId);
          return seriesOf.get(tenantId);
        },
        get: (tenantId, code) => series.get(tenantId, code),
        create: async (tenantId, created) => {
          await series.create(tenantId, created);
          seriesOf.forget(tenantId);
        },
      },
    };
  }
  return cached;
}

/** The invoice use cases' dependencies over DynamoDB, with catalog prices for product lines. */
export function invoiceDeps(): InvoiceDeps {
  const r = repositories();
  const verifactu = verifactuConfig();
  return {
    invoices: r.invoices,
    ...cachedProfile(),
    customers: r.customers,
    resolveLines: resolveLines(r),
    paymentDefaults: async (tenantId) => (await r.settings.get(tenantId))?.payment,
    clock: systemClock,
    ids: ulidIds,
    ...(verifactu ? { verifactu: { system: verifactu.system } } : {}),
  };
}

/** Hands just-numbered invoices to `processIssuedInvoices` (declare it in the route's `invokes`). */
export const afterIssue = (): AfterIssue => ({
  handOver: (tenantId, invoiceIds) =>
    invoker().handOver(triggered.processIssuedInvoices.id, { tenantId, invoiceIds }),
});
