import { X509Certificate } from 'node:crypto';
import type { SignatureReport, ValidationIssue } from '@sello/core/documents';
import { verifyFacturaeSignature } from '@sello/signing/verify';
import { contains, type XmlElement } from './xml.ts';

const DS_NS = 'http://www.w3.org/2000/09/xmldsig#';

export interface SignatureReading {
  report: SignatureReport;
  issues: ValidationIssue[];
}

/**
 * Verifies a Facturae's XAdES signature, when it has one, with xml-crypto's C14N over the very
 * text that was parsed. Against signature wrapping the verifier accepts only one ds:Signature,
 * as a child of the root, whose document reference is URI="" with the enveloped-signature
 * transform: what it covers is the root the readers walk, and the readers only follow child
 * paths from that root, so nothing hidden in ds:Object (outside the digest) is ever read.
 * KeyInfo need not be signed (other producers leave it out); SigningCertificate binds the
 * certificate either way. Whether the certificate is trusted is not decided here.
 */
export function readSignature(xml: string, root: XmlElement): SignatureReading | undefined {
  if (!contains(root, [DS_NS, 'Signature'])) return undefined;
  const result = verifyFacturaeSignature(xml, { requireKeyInfoReference: false });
  const issues: ValidationIssue[] = [];
  const report: SignatureReport = { valid: result.valid };
  if (result.certificatePem) {
    const certificate = new X509Certificate(result.certificatePem);
    const signer = {
      subject: distinguishedName(certificate.subject),
      issuer: distinguishedName(certificate.issuer),
      serialNumber: BigInt(`0x${certificate.serialNumber}`).toString(10),
      notBefore: new Date(certificate.validFrom).toISOString(),
      notAfter: new Date(certificate.validTo).toISOString(),
    };
    report.signer = signer;
    const time = result.signingTime;
    if (time) {
      report.signingTime = time.toISOString();
      if (time < new Date(signer.notBefore) || time > new Date(signer.notAfter)) {
        issues.push({
          severity: 'warning',
          rule: 'SIGNATURE',
          path: '/ds:Signature',
          message: `The signing time ${report.signingTime} is outside the certificate's validity (${signer.notBefore} to ${signer.notAfter})`,
        });
      }
    }
  }
  if (!result.valid) {
    report.errors = result.errors;
    issues.push({
      severity: 'error',
      rule: 'SIGNATURE',
      path: '/ds:Signature',
      message: `The signature does not verify: ${result.errors.join('; ')}`,
    });
  }
  return { report, issues };
}

/** Node lists RDNs one per line, most significant first; RFC 4514 wants them reversed. */
const distinguishedName = (value: string) => value.split('\n').reverse().join(', ');
