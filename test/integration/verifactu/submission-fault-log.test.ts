import { triggered } from '@sello/contracts';
import { SubmissionFault } from '@sello/core/verifactu';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lambdaContext } from '../../../packages/local/src/apigw.ts';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { acceptanceLines } from '../../support/invoices.ts';
import { captureOutput } from '../../support/logs.ts';

/**
 * A submission fault (AEAT unreachable, a SOAP Fault) leaves the records pending; the sender
 * logs it as a warning, and that warning must say why: the fault's message, its code and its
 * cause, as the operator will read them in CloudWatch.
 */
vi.mock('@sello/aws/verifactu', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@sello/aws/verifactu')>()),
  // The sandbox the test platform runs, reached as AEAT is when the connection breaks.
  SandboxSubmitter: class {
    async submit() {
      const cause = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
      throw new SubmissionFault('AEAT answer broke off: read ECONNRESET', 'env:Server', {
        cause,
      });
    }
  },
}));

// Set before the handlers (and their logger) load, as the Lambda environment would.
process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
const api = await startApi();
const { handler } = await import('../../../functions/verifactu/submit-verifactu-records.ts');

const lines: string[] = [];
let tenantId: string;

beforeAll(async () => {
  let key: string;
  ({ key, tenantId } = await createTenant('Fault log tenant'));
  const customerId = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
  const draft = (
    await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: acceptanceLines } })
  ).json;
  expect((await api.call('POST', `/v1/invoices/${draft.id}/issue`, { key })).status).toBe(200);
  captureOutput(lines);
});
afterAll(() => {
  vi.restoreAllMocks();
});

describe('a VERI*FACTU submission fault', () => {
  it('reaches the log with its message, code and cause', async () => {
    const summary = await handler(
      { scheduledTime: '2026-11-23T10:00:00Z' },
      lambdaContext(triggered.submitVerifactuRecords.id, 300),
    );
    vi.restoreAllMocks();
    expect('outcomes' in summary && summary.outcomes).toContainEqual(
      expect.objectContaining({ tenantId, outcome: 'fault' }),
    );

    const entries = lines
      .flatMap((l) => l.split('\n'))
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
    const warning = entries.find((e) => e.message === 'VERI*FACTU submission fault');
    expect(warning, JSON.stringify(entries)).toBeDefined();
    expect(warning).toMatchObject({ level: 'WARN', tenantId });
    const text = JSON.stringify(warning);
    expect(text).toContain('AEAT answer broke off: read ECONNRESET');
    expect(text).toContain('env:Server');
    expect(text).toContain('ECONNRESET');
    // The cause is a nested error with its own message, not an empty object.
    expect(text).toMatch(/"cause":\{[^}]*"message":"read ECONNRESET"/);
  });
});
