import { createHash, X509Certificate } from 'node:crypto';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { toPem } from './certificate.ts';
import {
  DS_NS,
  ENVELOPED,
  FACTURAE_POLICY,
  SIGNED_PROPERTIES_TYPE,
  XADES_NS,
} from './constants.ts';

export interface FacturaeVerification {
  /**
   * The signature value and all three references check out with the embedded certificate and
   * the XAdES-EPES properties are consistent with it. Whether that certificate is trusted
   * (chain, revocation, validity at signing time) is for the caller to decide.
   */
  valid: boolean;
  certificatePem?: string;
  signingTime?: Date;
  errors: string[];
}

const HASHES: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
};

function children(parent: Element | undefined, ns: string, name: string): Element[] {
  if (!parent) return [];
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (
      n.nodeType === 1 &&
      (n as Element).namespaceURI === ns &&
      (n as Element).localName === name
    ) {
      out.push(n as Element);
    }
  }
  return out;
}

/** Follows a path of child elements, each step given as [namespace, local name]. */
function path(from: Element | undefined, ...steps: [string, string][]): Element | undefined {
  let current = from;
  for (const [ns, name] of steps) current = children(current, ns, name)[0];
  return current;
}

const text = (element: Element | undefined) => element?.textContent?.trim() ?? '';
const ds = (name: string): [string, string] => [DS_NS, name];
const xades = (name: string): [string, string] => [XADES_NS, name];

/**
 * Verifies the XAdES-EPES signature of a Facturae document with a real C14N implementation
 * (xml-crypto), independently of the fast path that produced it: the signature value over
 * SignedInfo, the three references (whole document with the enveloped-signature transform,
 * SignedProperties, KeyInfo), and the signed properties (certificate digest and serial, policy).
 */
export interface VerifyOptions {
  /**
   * Require a reference to ds:KeyInfo, as Sello and Facturae-PHP sign it (default). Other
   * producers may leave KeyInfo unsigned; the certificate is still bound by SigningCertificate.
   */
  requireKeyInfoReference?: boolean;
}

export function verifyFacturaeSignature(
  xml: string,
  { requireKeyInfoReference = true }: VerifyOptions = {},
): FacturaeVerification {
  const errors: string[] = [];
  const fail = (): FacturaeVerification => ({ valid: false, errors });
  let doc: ReturnType<DOMParser['parseFromString']>;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') errors.push(`XML: ${message}`);
      },
    }).parseFromString(xml, 'text/xml');
  } catch (error) {
    // xmldom reports fatal errors through onError and then throws as well.
    if (!errors.length) errors.push(`XML: ${(error as Error).message}`);
    return fail();
  }
  const root = doc.documentElement;
  if (!root) errors.push('XML: no root element');
  if (errors.length || !root) return fail();

  const signatures = Array.from(doc.getElementsByTagNameNS(DS_NS, 'Signature'));
  if (signatures.length !== 1) {
    errors.push(`expected one ds:Signature, found ${signatures.length}`);
    return fail();
  }
  const signature = signatures[0]!;
  if (signature.parentNode !== root) errors.push('ds:Signature is not a child of the root element');

  const keyInfo = path(signature, ds('KeyInfo'));
  const certificateBase64 = text(path(keyInfo, ds('X509Data'), ds('X509Certificate'))).replace(
    /\s+/g,
    '',
  );
  if (!certificateBase64) {
    errors.push('no X509Certificate in KeyInfo');
    return fail();
  }
  const certificatePem = toPem(certificateBase64);
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificatePem);
  } catch (error) {
    errors.push(`X509Certificate: ${(error as Error).message}`);
    return fail();
  }

  const qualifying = path(signature, ds('Object'), xades('QualifyingProperties'));
  const signedProperties = path(qualifying, xades('SignedProperties'));
  const signatureId = signature.getAttribute('Id');
  if (!qualifying || !signedProperties) {
    errors.push('no xades:QualifyingProperties/SignedProperties in ds:Object');
    return { valid: false, certificatePem, errors };
  }
  if (qualifying.getAttribute('Target') !== `#${signatureId}`) {
    errors.push('QualifyingProperties Target does not point at the signature');
  }
  const signed = path(signedProperties, xades('SignedSignatureProperties'));
  const signingTimeText = text(path(signed, xades('SigningTime')));
  const signingTime = signingTimeText ? new Date(signingTimeText) : undefined;
  if (!signingTime || Number.isNaN(signingTime.getTime()))
    errors.push('missing or bad SigningTime');

  // Cryptography: xml-crypto canonicalises and checks every reference, then the signature value.
  const verifier = new SignedXml({ publicCert: certificatePem, getCertFromKeyInfo: () => null });
  let cryptoValid = false;
  try {
    verifier.loadSignature(signature as unknown as Parameters<SignedXml['loadSignature']>[0]);
    cryptoValid = verifier.checkSignature(xml);
  } catch (error) {
    errors.push((error as Error).message);
  }
  const references = verifier.getReferences();
  for (const ref of references) {
    if (ref.validationError) errors.push(ref.validationError.message);
  }
  if (!cryptoValid && !errors.length) errors.push('signature or reference digests do not match');

  // What is signed: the whole document (enveloped), the signed properties and the key info.
  const documentRef = references.filter((r) => r.uri === '' && r.transforms.includes(ENVELOPED));
  if (documentRef.length !== 1)
    errors.push('no single whole-document reference with enveloped-signature');
  const propertiesId = signedProperties.getAttribute('Id');
  // xml-crypto does not keep a Reference's Type; SignedInfo is covered by the signature value, so
  // reading it from the document is as trustworthy once the check above passed.
  const typedAsProperties = children(path(signature, ds('SignedInfo')), DS_NS, 'Reference').some(
    (r) =>
      r.getAttribute('URI') === `#${propertiesId}` &&
      r.getAttribute('Type') === SIGNED_PROPERTIES_TYPE,
  );
  if (
    !propertiesId ||
    !typedAsProperties ||
    !references.some((r) => r.uri === `#${propertiesId}`)
  ) {
    errors.push('SignedProperties is not referenced with the XAdES SignedProperties type');
  }
  const keyInfoId = keyInfo?.getAttribute('Id');
  if (
    requireKeyInfoReference &&
    (!keyInfoId || !references.some((r) => r.uri === `#${keyInfoId}`))
  ) {
    errors.push('KeyInfo is not referenced');
  }

  // XAdES-EPES properties must describe the certificate that verified the signature.
  const cert = path(signed, xades('SigningCertificate'), xades('Cert'));
  const digestAlgorithm = path(cert, xades('CertDigest'), ds('DigestMethod'))?.getAttribute(
    'Algorithm',
  );
  const hash = digestAlgorithm ? HASHES[digestAlgorithm] : undefined;
  if (!hash) {
    errors.push(`unsupported CertDigest algorithm ${digestAlgorithm}`);
  } else {
    const expected = createHash(hash).update(certificate.raw).digest('base64');
    if (text(path(cert, xades('CertDigest'), ds('DigestValue'))) !== expected) {
      errors.push('SigningCertificate digest does not match the certificate');
    }
  }
  const serial = text(path(cert, xades('IssuerSerial'), ds('X509SerialNumber')));
  if (serial !== BigInt(`0x${certificate.serialNumber}`).toString(10)) {
    errors.push('X509SerialNumber does not match the certificate (it must be decimal)');
  }
  const policy = path(signed, xades('SignaturePolicyIdentifier'), xades('SignaturePolicyId'));
  if (
    text(path(policy, xades('SigPolicyId'), xades('Identifier'))) !== FACTURAE_POLICY.identifier ||
    text(path(policy, xades('SigPolicyHash'), ds('DigestValue'))) !== FACTURAE_POLICY.digestValue
  ) {
    errors.push('the signature policy is not Facturae v3.1');
  }

  return {
    valid: cryptoValid && errors.length === 0,
    certificatePem,
    ...(signingTime && !Number.isNaN(signingTime.getTime()) ? { signingTime } : {}),
    errors,
  };
}
