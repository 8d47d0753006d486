import { createHash, randomUUID } from 'node:crypto';
import type { SignatureAlgorithm, Signer } from '@sello/core/ports';

/**
 * WS-Security 1.0 for FACe: every request carries, in a `wsse:Security` header, the tenant's
 * certificate as an X.509 `BinarySecurityToken`, a `wsu:Timestamp`, and an XML signature whose
 * references cover the Timestamp and the SOAP Body (by `wsu:Id`, exclusive C14N) and whose KeyInfo
 * points at the token (`wsse:SecurityTokenReference`). The layout is the one Facturae-PHP's
 * `src/Face/SoapClient.php` sends to FACe (josemmo/Facturae-PHP), with two deliberate
 * differences: each reference names its exclusive-C14N transform (without one, a verifier must
 * canonicalise a same-document reference inclusively), and the digest and signature algorithms
 * are the tenant's key's (SHA-256 or SHA-512).
 *
 * The private key stays in KMS: the SignedInfo is hashed here and signed through the `Signer`
 * port, like the Facturae's XAdES signature. Nothing is parsed or canonicalised: every signed
 * element is written in its exclusive canonical form (namespaces it uses declared on itself,
 * attributes in canonical order, start and end tags, text escaped as C14N escapes it), and the
 * digests are taken from those very strings, which are also what goes into the envelope.
 */

export const NS = {
  soapenv: 'http://schemas.xmlsoap.org/soap/envelope/',
  wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
  wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
} as const;

const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const X509V3 =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3';
const BASE64_BINARY =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';

const SUITES: Record<SignatureAlgorithm, { hash: string; digest: string; signature: string }> = {
  RSASSA_PKCS1_V1_5_SHA_256: {
    hash: 'sha256',
    digest: 'http://www.w3.org/2001/04/xmlenc#sha256',
    signature: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  },
  RSASSA_PKCS1_V1_5_SHA_512: {
    hash: 'sha512',
    digest: 'http://www.w3.org/2001/04/xmlenc#sha512',
    signature: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  },
};

/** Text content as Canonical XML writes it. */
export const c14nText = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');

/** An attribute value as Canonical XML writes it. */
const c14nAttr = (value: string) =>
  value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#x9;')
    .replace(/\n/g, '&#xA;')
    .replace(/\r/g, '&#xD;');

/** How long a request is good for (the Timestamp's Expires); FACe refuses stale ones. */
export const REQUEST_LIFETIME_SECONDS = 300;

export interface WsSecurityOptions {
  signer: Signer;
  keyId: string;
  algorithm: SignatureAlgorithm;
  /** The tenant's certificate, DER: the BinarySecurityToken. */
  certificateDer: Uint8Array;
  now: Date;
  /** Fixed suffix for the wsu:Id and Id attributes (tests); random otherwise. */
  ids?: string;
}

export interface SignedEnvelope {
  xml: string;
  ids: { body: string; timestamp: string; token: string; signature: string };
}

/** xs:dateTime in UTC to the second, as WS-Security timestamps are usually written. */
const instant = (time: Date) => `${time.toISOString().slice(0, 19)}Z`;

/**
 * A SOAP 1.1 envelope around `operation` (the Body's one child, exclusive canonical form: see
 * `rpcOperation`), signed as FACe requires.
 */
export async function signedEnvelope(
  operation: string,
  options: WsSecurityOptions,
): Promise<SignedEnvelope> {
  const suite = SUITES[options.algorithm];
  if (!suite) throw new RangeError(`Unsupported signature algorithm ${String(options.algorithm)}`);
  const seed = options.ids ?? randomUUID().replace(/-/g, '');
  if (!/^[A-Za-z0-9_.-]+$/.test(seed)) throw new RangeError(`Bad ids seed "${seed}"`);
  const ids = {
    body: `Body-${seed}`,
    timestamp: `TS-${seed}`,
    token: `X509-${seed}`,
    signature: `SIG-${seed}`,
  };
  const expires = new Date(options.now.getTime() + REQUEST_LIFETIME_SECONDS * 1000);

  // Exclusive canonical forms: each apex declares the prefixes it and its attributes use.
  const body =
    `<soapenv:Body xmlns:soapenv="${NS.soapenv}" xmlns:wsu="${NS.wsu}" wsu:Id="${ids.body}">` +
    `${operation}</soapenv:Body>`;
  const timestamp =
    `<wsu:Timestamp xmlns:wsu="${NS.wsu}" wsu:Id="${ids.timestamp}">` +
    `<wsu:Created>${instant(options.now)}</wsu:Created>` +
    `<wsu:Expires>${instant(expires)}</wsu:Expires></wsu:Timestamp>`;

  const digest = (octets: string) => createHash(suite.hash).update(octets, 'utf8').digest('base64');
  const reference = (id: string, canonical: string) =>
    `<ds:Reference URI="#${id}"><ds:Transforms>` +
    `<ds:Transform Algorithm="${EXC_C14N}"></ds:Transform></ds:Transforms>` +
    `<ds:DigestMethod Algorithm="${suite.digest}"></ds:DigestMethod>` +
    `<ds:DigestValue>${digest(canonical)}</ds:DigestValue></ds:Reference>`;
  const signedInfo =
    `<ds:SignedInfo xmlns:ds="${NS.ds}">` +
    `<ds:CanonicalizationMethod Algorithm="${EXC_C14N}"></ds:CanonicalizationMethod>` +
    `<ds:SignatureMethod Algorithm="${suite.signature}"></ds:SignatureMethod>` +
    reference(ids.timestamp, timestamp) +
    reference(ids.body, body) +
    '</ds:SignedInfo>';
  const signatureValue = await options.signer.signDigest(
    options.keyId,
    createHash(suite.hash).update(signedInfo, 'utf8').digest(),
    options.algorithm,
  );

  const token =
    `<wsse:BinarySecurityToken EncodingType="${c14nAttr(BASE64_BINARY)}" ` +
    `ValueType="${c14nAttr(X509V3)}" wsu:Id="${ids.token}">` +
    `${Buffer.from(options.certificateDer).toString('base64')}</wsse:BinarySecurityToken>`;
  const signature =
    `<ds:Signature xmlns:ds="${NS.ds}" Id="${ids.signature}">${signedInfo}` +
    `<ds:SignatureValue>${Buffer.from(signatureValue).toString('base64')}</ds:SignatureValue>` +
    '<ds:KeyInfo><wsse:SecurityTokenReference>' +
    `<wsse:Reference URI="#${ids.token}" ValueType="${X509V3}"></wsse:Reference>` +
    '</wsse:SecurityTokenReference></ds:KeyInfo></ds:Signature>';
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<soapenv:Envelope xmlns:soapenv="${NS.soapenv}">` +
    '<soapenv:Header>' +
    `<wsse:Security xmlns:wsse="${NS.wsse}" xmlns:wsu="${NS.wsu}" soapenv:mustUnderstand="1">` +
    timestamp +
    token +
    signature +
    '</wsse:Security></soapenv:Header>' +
    body +
    '</soapenv:Envelope>';
  return { xml, ids };
}

/** A leaf or a nested element of an RPC operation: `[name, text | children]`. */
export type RpcPart = readonly [string, string | readonly RpcPart[]];

/**
 * The Body's child for an RPC operation of `namespace`, in exclusive canonical form: the
 * operation element prefixed `web` (declared on itself), its parts unqualified as FACe's RPC
 * binding takes them.
 */
export function rpcOperation(
  namespace: string,
  operation: string,
  parts: readonly RpcPart[],
): string {
  const write = (list: readonly RpcPart[]): string =>
    list
      .map(
        ([name, value]) =>
          `<${name}>${typeof value === 'string' ? c14nText(value) : write(value)}</${name}>`,
      )
      .join('');
  return `<web:${operation} xmlns:web="${c14nAttr(namespace)}">${write(parts)}</web:${operation}>`;
}
