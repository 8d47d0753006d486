import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { putCsd } from '@sello/app/csd';
import { createCustomer } from '@sello/app/customers';
import { importDeposits } from '@sello/app/deposits';
import { identityProvider, repositories } from '@sello/app/platform';
import { updateSettings } from '@sello/app/settings';
import { ConflictError } from '@sello/core/errors';
import { systemClock, ulidIds } from '@sello/core/ports';
import { createEmailKey, createIssuerKey, registerRecipient } from '@sello/core/recipients';
import { addOwner } from '@sello/core/staff';
import { authenticateApiKey, provisionTenant } from '@sello/core/tenants';

export interface LocalInfo {
  apiUrl: string;
  apiKey: string;
  tenantId: string;
  /** The demo tenant's owner, who signs in to the portal. */
  staffEmail: string;
  staffPassword: string;
  portalUrl: string;
  mailUrl: string;
  /** The sandbox PAC (SW Sapien's protocol; its account is in the local Secrets Manager). */
  pacUrl?: string;
  /** The Mexican demo tenant (SAT's test CSD uploaded): it issues stamped CFDI. */
  mx?: { apiKey: string; tenantId: string; companyNumber: string };
  /** A customer of the demo tenant with prepaid deposits, who signs in to the portal. */
  customer?: { email: string; password: string; customerId: string };
  /**
   * Connectors: the local fake insurer platform and the demo owner's account there (already set
   * in the owner's profile, sealed); the sandbox connector needs nothing.
   */
  connectors?: {
    insurerPlatform: { url: string; username: string; password: string; taxId: string };
  };
}

const DEMO_OWNER = 'owner@demo.sello.local';

/** The demo issuer every fresh local platform starts with (a valid Spanish CIF). */
const DEMO_TENANT = {
  name: 'Demo Talleres Sello, S.L.',
  taxId: 'B12345674',
  email: 'facturas@demo.sello.local',
  language: 'es' as const,
  timezone: 'Europe/Madrid',
  address: {
    line1: 'Calle Mayor 1',
    city: 'Madrid',
    postalCode: '28013',
    province: 'Madrid',
    country: 'ES',
  },
};

/**
 * Reuses the demo tenant recorded in `local.json` when its key still works against this data;
 * otherwise (first start, or data wiped) provisions a new one.
 */
export async function ensureDemoTenant(localJsonPath: string) {
  if (existsSync(localJsonPath)) {
    const previous = JSON.parse(readFileSync(localJsonPath, 'utf8')) as Partial<LocalInfo>;
    if (previous.apiKey && previous.tenantId) {
      const principal = await authenticateApiKey({ apiKeys: repositories().apiKeys })(
        previous.apiKey,
      ).catch(() => undefined);
      if (principal?.tenantId === previous.tenantId) {
        return { tenantId: previous.tenantId, apiKey: previous.apiKey, created: false };
      }
    }
  }
  const { tenant, secret } = await provisionTenant({
    tenants: repositories().tenants,
    clock: systemClock,
    ids: ulidIds,
  })(DEMO_TENANT);
  return { tenantId: tenant.id, apiKey: secret, created: true };
}

/** A password of 24 letters and digits: made once, shown in local.json and at start. */
const newPassword = () => randomBytes(18).toString('base64url');

/**
 * Reuses the demo owner recorded in `local.json` while it still signs in as the demo tenant's
 * member; otherwise gives the tenant an owner with a new password (under another address when
 * the usual one is taken, e.g. by the owner of a demo tenant made before the data was reset).
 */
export async function ensureDemoOwner(localJsonPath: string, tenantId: string) {
  const members = repositories().memberships;
  const identity = identityProvider();
  if (existsSync(localJsonPath)) {
    const previous = JSON.parse(readFileSync(localJsonPath, 'utf8')) as Partial<LocalInfo>;
    const { staffEmail: email, staffPassword: password } = previous;
    if (email && password) {
      const member = await members.findByEmail(email);
      const signsIn = await identity.signIn(email, password).then(
        async (tokens) => {
          if (tokens.refreshToken) await identity.revoke(tokens.refreshToken);
          return true;
        },
        () => false,
      );
      if (signsIn && member?.tenantId === tenantId && member.status === 'active') {
        return { email, password, created: false };
      }
    }
  }
  const make = addOwner({ members, identity, clock: systemClock });
  const password = newPassword();
  for (const email of [DEMO_OWNER, `owner+${tenantId.slice(-8).toLowerCase()}@demo.sello.local`]) {
    try {
      await make(tenantId, { email, password, name: 'Demo owner' });
      return { email, password, created: true };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  throw new Error('Could not create the demo owner: both of its addresses are taken');
}

/** The Mexican demo issuer: the RFC of SAT's test CSD, which `npm start` uploads for it. */
const MX_DEMO_TENANT = {
  name: 'ESCUELA KEMPER URGATE',
  taxId: 'EKU9003173C9',
  email: 'facturas@mx.demo.sello.local',
  language: 'es' as const,
  timezone: 'America/Mexico_City',
  address: {
    line1: 'Av. Vallarta 1',
    city: 'Guadalajara',
    postalCode: '44100',
    country: 'MX',
  },
  taxRegime: '601',
  expeditionPostalCode: '44100',
};

const DEMO_DIR = join(import.meta.dirname, 'demo');

/**
 * The Mexican demo tenant of `local.json`'s `mx`, reused while its key works; otherwise made anew
 * with SAT's test CSD uploaded (its key imported into the local KMS), so it issues stamped CFDI
 * from the first start.
 */
export async function ensureMexicanDemoTenant(localJsonPath: string) {
  if (existsSync(localJsonPath)) {
    const previous = JSON.parse(readFileSync(localJsonPath, 'utf8')) as Partial<LocalInfo>;
    const mx = previous.mx;
    if (mx?.apiKey && mx.tenantId) {
      const principal = await authenticateApiKey({ apiKeys: repositories().apiKeys })(
        mx.apiKey,
      ).catch(() => undefined);
      if (principal?.tenantId === mx.tenantId) {
        return { ...mx, companyNumber: await demoCompanyNumber(mx.tenantId), created: false };
      }
    }
  }
  const { tenant, secret } = await provisionTenant({
    tenants: repositories().tenants,
    clock: systemClock,
    ids: ulidIds,
  })(MX_DEMO_TENANT);
  await putCsd()(tenant.id, {
    certificate: readFileSync(join(DEMO_DIR, 'EKU9003173C9.cer')).toString('base64'),
    key: readFileSync(join(DEMO_DIR, 'EKU9003173C9.key')).toString('base64'),
    password: '12345678a',
  });
  return {
    tenantId: tenant.id,
    apiKey: secret,
    companyNumber: await demoCompanyNumber(tenant.id),
    created: true,
  };
}

/**
 * The demo's self-invoicing company number (what its tickets print), turned on at the first
 * start: unique per tenant, so data kept from an earlier demo tenant never holds it.
 */
async function demoCompanyNumber(tenantId: string): Promise<string> {
  const current = (await repositories().settings.get(tenantId))?.selfInvoicing;
  if (current?.companyNumber) return current.companyNumber;
  const companyNumber = `KEMPER-${tenantId.slice(-6).toUpperCase()}`;
  await updateSettings()(tenantId, {
    selfInvoicing: {
      enabled: true,
      companyNumber,
      limit: { kind: 'naturalMonth' },
      afterLimit: 'request',
      concept: { description: 'Venta', satProductKey: '01010101', satUnitKey: 'ACT' },
    },
  });
  return companyNumber;
}

/** The demo tenant's customer with prepaid deposits, registered as a recipient to sign in. */
const DEMO_CUSTOMER = {
  taxId: '12345678Z',
  name: 'Lucía Prepago Martín',
  email: 'cliente@demo.sello.local',
  language: 'es' as const,
  address: { line1: 'Calle Sierpes 12', city: 'Sevilla', postalCode: '41004', country: 'ES' },
};

/** Top-ups of the demo customer's balance: amounts, days ago, how paid. */
const DEMO_DEPOSITS = [
  ['50.00', 52, 'card'],
  ['121.00', 40, 'transfer'],
  ['30.00', 33, 'card'],
  ['60.50', 21, 'card'],
  ['100.00', 9, 'directDebit'],
  ['24.20', 2, 'card'],
] as const;

/**
 * A customer of the demo tenant with prepaid deposits to invoice, and its own sign-in (a
 * registered recipient, onboarded with both keys as a real one is): the customer's side of the
 * portal (Movements › Invoicing) works from the first start. Reused while it still signs in.
 */
export async function ensureDemoCustomer(localJsonPath: string, tenantId: string) {
  const identity = identityProvider();
  if (existsSync(localJsonPath)) {
    const previous = JSON.parse(readFileSync(localJsonPath, 'utf8')) as Partial<LocalInfo>;
    const known = previous.customer;
    if (known?.email && known.password) {
      const signsIn = await identity.signIn(known.email, known.password).then(
        async (tokens) => {
          if (tokens.refreshToken) await identity.revoke(tokens.refreshToken);
          return true;
        },
        () => false,
      );
      if (signsIn) return { ...known, created: false };
    }
  }
  const r = repositories();
  const found = (await r.customers.list(tenantId, { limit: 1, taxId: DEMO_CUSTOMER.taxId }))
    .items[0];
  const customer = found ?? (await createCustomer()(tenantId, DEMO_CUSTOMER));
  const now = Date.now();
  await importDeposits()(
    tenantId,
    DEMO_DEPOSITS.map(([amount, daysAgo, method], i) => ({
      customerId: customer.id,
      amount,
      currency: 'EUR',
      date: new Date(now - daysAgo * 86_400_000).toISOString(),
      method,
      reference: `demo-topup-${customer.id.slice(-6)}-${i + 1}`,
    })),
    true,
  );
  if (await r.recipients.getByTaxId(DEMO_CUSTOMER.taxId)) {
    // Registered under a password this data folder no longer knows: no sign-in to show.
    return undefined;
  }
  const keys = {
    onboardingKeys: r.onboardingKeys,
    recipients: r.recipients,
    clock: systemClock,
    ids: ulidIds,
  };
  const emailKey = await createEmailKey(keys)(tenantId, DEMO_CUSTOMER.taxId);
  const issuerKey = await createIssuerKey(keys)(tenantId, { taxId: DEMO_CUSTOMER.taxId });
  const password = newPassword();
  await registerRecipient({ ...keys, identity, attempts: r.attempts })(
    {
      taxId: DEMO_CUSTOMER.taxId,
      email: DEMO_CUSTOMER.email,
      password,
      name: DEMO_CUSTOMER.name,
      language: 'es',
      emailKey: emailKey.secret,
      issuerKey: issuerKey.secret,
    },
    {},
  );
  return { email: DEMO_CUSTOMER.email, password, customerId: customer.id, created: true };
}
