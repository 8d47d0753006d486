import { aCustomer } from '../../support/api.ts';
import type { PlaceholderContext, Realise } from './context.ts';

const CENTRE = /ctr_01kaexample\w+/g;
const CLAIM = /clm_01kaexample\w+/g;
const DOCUMENT = /cdoc_01kaexample\w+/g;

async function must(
  ctx: PlaceholderContext,
  method: string,
  path: string,
  body: unknown,
): Promise<{ id: string }> {
  const res = await ctx.api.call(method, path, { key: ctx.tenant.key, body });
  if (res.status !== 201) throw new Error(`Could not make the sample's ${path}: ${res.text}`);
  return res.json;
}

/**
 * The centre, claim, valuation and file the samples of centres and claims read: made through the
 * API for the test tenant, one claim per event (claim numbers are unique per insurer).
 */
export const realiseClaims: Realise = async (event, ctx) => {
  let out = event;
  if (out.includes('ctr_01kaexample')) {
    const centre = await must(ctx, 'POST', '/v1/centres', {
      name: `Sample centre for ${ctx.routeId}`,
      address: { line1: 'Calle Mayor 1', city: 'Valencia', postalCode: '46001', country: 'ES' },
    });
    out = out.replaceAll(CENTRE, centre.id);
  }
  if (out.includes('clm_01kaexample')) {
    const customer = await must(ctx, 'POST', '/v1/customers', aCustomer());
    const claim = await must(ctx, 'POST', '/v1/claims', {
      claimNumber: `SAMPLE-${ctx.routeId}`,
      insurerId: customer.id,
      insuredId: customer.id,
      policyNumber: 'POL-1',
      vehicle: { plate: '1234BCD' },
    });
    out = out.replaceAll(CLAIM, claim.id);
    if (out.includes('/valuations/1')) {
      const res = await ctx.api.call('POST', `/v1/claims/${claim.id}/valuations`, {
        key: ctx.tenant.key,
        body: {
          version: 1,
          lines: [{ kind: 'part', description: 'Faro', quantity: '1', unitPrice: '80.00' }],
          franchise: '0',
          taxes: [{ type: 'IVA', rate: '21' }],
        },
      });
      if (res.status !== 201) throw new Error(`Could not import the sample: ${res.text}`);
    }
    if (out.includes('cdoc_01kaexample')) {
      const res = await fetch(`${ctx.api.base}/v1/claims/${claim.id}/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ctx.tenant.key}`, 'content-type': 'application/pdf' },
        body: Buffer.from('%PDF-1.4\n%%EOF\n'),
      });
      if (res.status !== 201) throw new Error(`Could not upload the sample: ${await res.text()}`);
      out = out.replaceAll(DOCUMENT, ((await res.json()) as { id: string }).id);
    }
  }
  return out;
};
