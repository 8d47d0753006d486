import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { verifyFacturaeSignature } from '@sello/signing/verify';
import { DOMParser, type Element } from '@xmldom/xmldom';

/** The official Facturae 3.2.2 schema with XAdES, vendored for the conformance tests. */
export const FACTURAE_SCHEMA = fileURLToPath(
  new URL(
    '../../../../test/fixtures/schemas/facturae/Facturaev3_2_2-with-XAdES.xsd',
    import.meta.url,
  ),
);

/** xmllint's complaints about `xml` against the Facturae schema, or undefined when it validates. */
export function xsdProblems(xml: string, schema = FACTURAE_SCHEMA): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const child = spawn('xmllint', ['--noout', '--nonet', '--schema', schema, '-'], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', (error) =>
      reject(
        new Error('The FACe fake needs xmllint (apt-get install -y libxml2-utils)', {
          cause: error,
        }),
      ),
    );
    child.on('close', (status) => {
      if (status === 0) return resolve(undefined);
      const lines = stderr.split('\n').filter((l) => l && !l.endsWith('fails to validate'));
      resolve(lines.slice(0, 3).join('; ') || `xmllint exited with ${status}`);
    });
    child.stdin.on('error', () => {});
    child.stdin.end(xml);
  });
}

/** The XAdES signature's errors (the platform's verifier), none when it verifies. */
export function signatureProblems(xml: string): string[] {
  const result = verifyFacturaeSignature(xml);
  return result.valid ? [] : result.errors;
}

/** What FACe reads of a Facturae to route and register it. */
export interface FacturaeSummary {
  sellerTaxId: string;
  series: string;
  number: string;
  /** The buyer's centres by RoleTypeCode ('01', '02', '03', …) → CentreCode. */
  centres: Map<string, string>;
}

const byName = (parent: Element | undefined, name: string): Element[] =>
  parent
    ? (Array.from(parent.getElementsByTagName('*')).filter(
        (e) => (e as Element).localName === name,
      ) as Element[])
    : [];
const textOf = (parent: Element | undefined, name: string) =>
  byName(parent, name)[0]?.textContent?.trim() ?? '';

export function readFacturae(xml: string): FacturaeSummary {
  const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement ?? undefined;
  const seller = byName(root, 'SellerParty')[0];
  const buyer = byName(root, 'BuyerParty')[0];
  const invoice = byName(root, 'InvoiceHeader')[0];
  const centres = new Map<string, string>();
  for (const centre of byName(buyer, 'AdministrativeCentre')) {
    const role = textOf(centre, 'RoleTypeCode');
    const code = textOf(centre, 'CentreCode');
    if (role && code && !centres.has(role)) centres.set(role, code);
  }
  return {
    sellerTaxId: textOf(seller, 'TaxIdentificationNumber'),
    series: textOf(invoice, 'InvoiceSeriesCode'),
    number: textOf(invoice, 'InvoiceNumber'),
    centres,
  };
}
