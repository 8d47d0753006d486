import { repositories, verifactuConfig } from '@sello/aws';
import { routes } from '@sello/contracts';
import { getInvoice, NotFoundError, qrUrl, recordEntryView, recordFields } from '@sello/core';
import { registroAltaXml, registroAnulacionXml } from '@sello/formats/verifactu';
import { httpHandler, ok } from '@sello/http';

const { invoices, verifactu } = repositories();
const environment = verifactuConfig()?.environment ?? 'test';

export const handler = httpHandler(routes.getInvoiceVerifactu, async ({ principal, params }) => {
  const invoice = await getInvoice({ invoices })(principal.tenantId, params.id);
  const history = await verifactu.ofInvoice(principal.tenantId, invoice.id);
  const latest = history.at(-1);
  if (!latest) throw new NotFoundError('VERI*FACTU record of invoice', params.id);
  const alta = history.findLast((h) => h.record.kind === 'alta');
  return ok({
    record: recordFields(latest.record),
    xml:
      latest.record.kind === 'alta'
        ? registroAltaXml(latest.record)
        : registroAnulacionXml(latest.record),
    qrUrl: qrUrl(alta?.record.kind === 'alta' ? alta.record : invoice, environment),
    submission: latest.submission,
    history: history.map(recordEntryView),
  });
});
