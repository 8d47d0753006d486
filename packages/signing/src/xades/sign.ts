import { createHash, randomUUID } from 'node:crypto';
import type { SignatureAlgorithm, Signer } from '@sello/core/ports';
import { apexNamespaces, escapeText, readStartTag } from './canonical.ts';
import { certificateDigest, certificateInfo } from './certificate.ts';
import {
  C14N,
  CLAIMED_ROLE,
  DATA_OBJECT,
  DS_NS,
  ENVELOPED,
  FACTURAE_POLICY,
  OBJECT_TYPE,
  SIGNED_PROPERTIES_TYPE,
  SUITES,
  XADES_NS,
} from './constants.ts';

export interface SignFacturaeOptions {
  signer: Signer;
  keyId: string;
  /** The signing certificate (DER); it goes into KeyInfo and SigningCertificate. */
  certificateDer: Uint8Array;
  /** Intermediate CA certificates, written after the signing certificate in X509Data. */
  chainDer?: readonly Uint8Array[];
  algorithm: SignatureAlgorithm;
  signingTime: Date;
  /** Fixed suffix for the signature's Id attributes (tests, golden files); random otherwise. */
  ids?: string;
  /**
   * The input is not `buildFacturae` output (e.g. an imported file): canonicalise its root first
   * with this, usually `canonicalizeRoot` from `@sello/signing/canonicalize` (xml-crypto, slow
   * path). Injected so the issuing path never bundles a DOM parser.
   */
  canonicalize?: (root: string) => Promise<string>;
}

/** The signed document and the canonical octets that were digested, for tests and audits. */
export interface SignedFacturae {
  xml: string;
  canonical: {
    document: string;
    signedProperties: string;
    keyInfo: string;
    signedInfo: string;
  };
  ids: SignatureIds;
}

export interface SignatureIds {
  signature: string;
  signedInfo: string;
  signatureValue: string;
  keyInfo: string;
  object: string;
  signedProperties: string;
  signedPropertiesReference: string;
  documentReference: string;
}

const ID_SEED = /^[A-Za-z0-9_.-]+$/;

function signatureIds(seed: string): SignatureIds {
  const signature = `Signature-${seed}`;
  return {
    signature,
    signedInfo: `${signature}-SignedInfo`,
    signatureValue: `${signature}-SignatureValue`,
    keyInfo: `Certificate-${seed}`,
    object: `${signature}-Object`,
    signedProperties: `${signature}-SignedProperties`,
    signedPropertiesReference: `SignedPropertiesID-${seed}`,
    documentReference: `Reference-ID-${seed}`,
  };
}

/** xs:dateTime in UTC with an explicit offset, as Facturae-PHP writes date('c'). */
function xsDateTime(time: Date): string {
  if (Number.isNaN(time.getTime())) throw new RangeError('signingTime is not a valid date');
  return `${time.toISOString().slice(0, 19)}+00:00`;
}

/**
 * Signs a Facturae document with an enveloped XAdES-EPES signature (Facturae signature policy
 * v3.1), in the layout Facturae-PHP emits and FACe accepts.
 *
 * Fast path (DESIGN §7): the input is `buildFacturae` output, whose root is already Canonical
 * XML, and every element of the signature is written here in canonical form. The four digests
 * are taken from those strings (with the namespace declarations a subset apex inherits added),
 * so nothing is parsed or canonicalised, and `signer.signDigest` is called once.
 */
export async function signFacturae(
  unsignedXml: string,
  options: SignFacturaeOptions,
): Promise<string> {
  return (await signFacturaeDetailed(unsignedXml, options)).xml;
}

export async function signFacturaeDetailed(
  unsignedXml: string,
  options: SignFacturaeOptions,
): Promise<SignedFacturae> {
  const suite = SUITES[options.algorithm];
  if (!suite) throw new RangeError(`Unsupported signature algorithm ${String(options.algorithm)}`);
  const seed = options.ids ?? randomUUID();
  if (!ID_SEED.test(seed)) throw new RangeError(`ids must match ${ID_SEED}, got "${seed}"`);
  const ids = signatureIds(seed);

  const { prolog, root, epilog } = splitDocument(unsignedXml);
  const document = options.canonicalize ? await options.canonicalize(root) : assertCanonical(root);
  const start = readStartTag(document);
  if (!start) throw new Error('The document root start tag is not in canonical form');
  const endTag = `</${start.name}>`;
  if (!document.endsWith(endTag)) throw new Error(`The document must end with ${endTag}`);
  for (const name of start.attributes.keys()) {
    // C14N 1.0 copies xml:* attributes into every subset apex; our documents have none.
    if (name.startsWith('xml:')) throw new Error(`Root attribute ${name} is not supported`);
  }

  // ds and xades are declared on ds:Signature unless the root already binds them.
  const signatureDeclarations: [string, string][] = [];
  for (const [prefix, uri] of [
    ['ds', DS_NS],
    ['xades', XADES_NS],
  ] as const) {
    const bound = start.namespaces.get(prefix);
    if (bound === undefined) signatureDeclarations.push([prefix, uri]);
    else if (bound !== uri) throw new Error(`The root binds prefix ${prefix} to ${bound}`);
  }
  const inScope = new Map([...start.namespaces, ...signatureDeclarations]);
  const apex = apexNamespaces(inScope);

  const digest = (octets: string) => createHash(suite.hash).update(octets, 'utf8').digest('base64');
  const cert = certificateInfo(options.certificateDer);
  const digestMethod = `<ds:DigestMethod Algorithm="${suite.digestUri}"></ds:DigestMethod>`;

  const signedProperties = (ns: string) =>
    `<xades:SignedProperties${ns} Id="${ids.signedProperties}">` +
    '<xades:SignedSignatureProperties>' +
    `<xades:SigningTime>${xsDateTime(options.signingTime)}</xades:SigningTime>` +
    '<xades:SigningCertificate><xades:Cert><xades:CertDigest>' +
    digestMethod +
    `<ds:DigestValue>${certificateDigest(options.certificateDer, suite.hash)}</ds:DigestValue>` +
    '</xades:CertDigest><xades:IssuerSerial>' +
    `<ds:X509IssuerName>${escapeText(cert.issuerName)}</ds:X509IssuerName>` +
    `<ds:X509SerialNumber>${cert.serialDecimal}</ds:X509SerialNumber>` +
    '</xades:IssuerSerial></xades:Cert></xades:SigningCertificate>' +
    '<xades:SignaturePolicyIdentifier><xades:SignaturePolicyId><xades:SigPolicyId>' +
    `<xades:Identifier>${FACTURAE_POLICY.identifier}</xades:Identifier>` +
    `<xades:Description>${FACTURAE_POLICY.description}</xades:Description>` +
    '</xades:SigPolicyId><xades:SigPolicyHash>' +
    `<ds:DigestMethod Algorithm="${FACTURAE_POLICY.digestMethod}"></ds:DigestMethod>` +
    `<ds:DigestValue>${FACTURAE_POLICY.digestValue}</ds:DigestValue>` +
    '</xades:SigPolicyHash></xades:SignaturePolicyId></xades:SignaturePolicyIdentifier>' +
    '<xades:SignerRole><xades:ClaimedRoles>' +
    `<xades:ClaimedRole>${CLAIMED_ROLE}</xades:ClaimedRole>` +
    '</xades:ClaimedRoles></xades:SignerRole>' +
    '</xades:SignedSignatureProperties>' +
    '<xades:SignedDataObjectProperties>' +
    `<xades:DataObjectFormat ObjectReference="#${ids.documentReference}">` +
    `<xades:Description>${DATA_OBJECT.description}</xades:Description>` +
    '<xades:ObjectIdentifier>' +
    `<xades:Identifier Qualifier="OIDAsURN">${DATA_OBJECT.identifier}</xades:Identifier>` +
    '</xades:ObjectIdentifier>' +
    `<xades:MimeType>${DATA_OBJECT.mimeType}</xades:MimeType>` +
    `<xades:Encoding>${DATA_OBJECT.encoding}</xades:Encoding>` +
    '</xades:DataObjectFormat></xades:SignedDataObjectProperties>' +
    '</xades:SignedProperties>';

  const certificates = [
    cert.base64,
    ...(options.chainDer ?? []).map((der) => certificateInfo(der).base64),
  ];
  const keyInfo = (ns: string) =>
    `<ds:KeyInfo${ns} Id="${ids.keyInfo}"><ds:X509Data>` +
    certificates.map((b64) => `<ds:X509Certificate>${b64}</ds:X509Certificate>`).join('') +
    '</ds:X509Data><ds:KeyValue><ds:RSAKeyValue>' +
    `<ds:Modulus>${cert.modulus}</ds:Modulus><ds:Exponent>${cert.exponent}</ds:Exponent>` +
    '</ds:RSAKeyValue></ds:KeyValue></ds:KeyInfo>';

  const canonicalSignedProperties = signedProperties(apex);
  const canonicalKeyInfo = keyInfo(apex);
  const signedInfo = (ns: string) =>
    `<ds:SignedInfo${ns} Id="${ids.signedInfo}">` +
    `<ds:CanonicalizationMethod Algorithm="${C14N}"></ds:CanonicalizationMethod>` +
    `<ds:SignatureMethod Algorithm="${suite.signatureUri}"></ds:SignatureMethod>` +
    `<ds:Reference Id="${ids.signedPropertiesReference}" Type="${SIGNED_PROPERTIES_TYPE}" URI="#${ids.signedProperties}">` +
    `${digestMethod}<ds:DigestValue>${digest(canonicalSignedProperties)}</ds:DigestValue>` +
    '</ds:Reference>' +
    `<ds:Reference URI="#${ids.keyInfo}">` +
    `${digestMethod}<ds:DigestValue>${digest(canonicalKeyInfo)}</ds:DigestValue>` +
    '</ds:Reference>' +
    `<ds:Reference Id="${ids.documentReference}" Type="${OBJECT_TYPE}" URI="">` +
    `<ds:Transforms><ds:Transform Algorithm="${ENVELOPED}"></ds:Transform></ds:Transforms>` +
    `${digestMethod}<ds:DigestValue>${digest(document)}</ds:DigestValue>` +
    '</ds:Reference></ds:SignedInfo>';

  const canonicalSignedInfo = signedInfo(apex);
  const signedInfoDigest = createHash(suite.hash).update(canonicalSignedInfo, 'utf8').digest();
  const signatureValue = await options.signer.signDigest(
    options.keyId,
    signedInfoDigest,
    options.algorithm,
  );

  const signature =
    `<ds:Signature${apexNamespaces(new Map(signatureDeclarations))} Id="${ids.signature}">` +
    signedInfo('') +
    `<ds:SignatureValue Id="${ids.signatureValue}">` +
    Buffer.from(
      signatureValue.buffer,
      signatureValue.byteOffset,
      signatureValue.byteLength,
    ).toString('base64') +
    '</ds:SignatureValue>' +
    keyInfo('') +
    `<ds:Object Id="${ids.object}"><xades:QualifyingProperties Target="#${ids.signature}">` +
    signedProperties('') +
    '</xades:QualifyingProperties></ds:Object></ds:Signature>';

  // The enveloped-signature transform removes exactly this element, leaving `document` again.
  const signed = document.slice(0, -endTag.length) + signature + endTag;
  return {
    xml: prolog + signed + epilog,
    canonical: {
      document,
      signedProperties: canonicalSignedProperties,
      keyInfo: canonicalKeyInfo,
      signedInfo: canonicalSignedInfo,
    },
    ids,
  };
}

/** Splits off the XML declaration (not part of the canonical form) and trailing whitespace. */
function splitDocument(xml: string): { prolog: string; root: string; epilog: string } {
  const rootStart = xml.search(/<[^?!]/);
  if (rootStart < 0) throw new Error('The document has no root element');
  const prolog = xml.slice(0, rootStart);
  if (!/^(\uFEFF)?(<\?xml[^?]*\?>)?\s*$/.test(prolog)) {
    throw new Error('Only an XML declaration may precede the root element');
  }
  const trimmed = xml.trimEnd();
  return { prolog, root: trimmed.slice(rootStart), epilog: xml.slice(trimmed.length) };
}

/**
 * Cheap guard for the fast path: constructs canonical form never contains. It cannot prove the
 * input canonical; it catches the usual ways a hand-edited or foreign file differs.
 */
function assertCanonical(root: string): string {
  for (const marker of ['/>', '\r', '<!', '<?']) {
    if (root.includes(marker)) {
      throw new Error(
        `The document is not in canonical form (found ${JSON.stringify(marker)}); ` +
          'sign buildFacturae output or pass a canonicalize function',
      );
    }
  }
  return root;
}
