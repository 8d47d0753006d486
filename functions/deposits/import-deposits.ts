import { importDeposits } from '@sello/app/deposits';
import { httpHandler } from '@sello/app/http';
import { handOverPerDeposit } from '@sello/app/invoicing-policies';
import { routes } from '@sello/contracts';
import { depositView } from '@sello/core/deposits';

const run = importDeposits();
const perDeposit = handOverPerDeposit();

export const handler = httpHandler(routes.importDeposits, async ({ principal, body }) => {
  const batch = 'deposits' in body;
  const imported = await run(principal.tenantId, batch ? body.deposits : [body], batch);
  // Customers billed per deposit get their invoices in the background: the import answers now.
  await perDeposit(
    principal.tenantId,
    imported.map((d) => d.record),
  );
  // A reference given twice in one request is one deposit: count deposits, not entries.
  const count = (created: boolean) =>
    new Set(imported.filter((d) => d.created === created).map((d) => d.record.reference)).size;
  const created = count(true);
  const status = created ? 201 : 200;
  if (!batch) {
    const { record } = imported[0]!;
    return {
      status,
      body: depositView(record),
      ...(created ? { headers: { location: `/v1/deposits/${record.id}` } } : {}),
    };
  }
  return {
    status,
    body: {
      created,
      existing: count(false),
      items: imported.map(({ record, created }) => ({
        id: record.id,
        reference: record.reference,
        status: record.status,
        created,
      })),
    },
  };
});
