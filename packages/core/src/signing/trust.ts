import { X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  BasicConstraints,
  Certificate,
  id_ce_basicConstraints,
  id_ce_keyUsage,
  KeyUsage,
  KeyUsageFlags,
} from '@peculiar/asn1-x509';

/**
 * The CA certificates whose certificates Sello believes: every one is a trust anchor (a chain that
 * reaches any of them is trusted, whether it is a root or an issuing CA). Built once per container
 * with `trustAnchorsFrom`.
 */
export interface TrustAnchors {
  readonly certificates: readonly X509Certificate[];
}

/** Why a certificate is not trusted at a given time. */
export type CertificateTrustProblem =
  /** No chain of valid CA signatures leads from it to a trust anchor. */
  | 'untrusted-issuer'
  /** It, or a CA of its chain, had expired. */
  | 'expired'
  /** It, or a CA of its chain, was not valid yet. */
  | 'not-yet-valid'
  /** Its key usage allows neither digitalSignature nor nonRepudiation. */
  | 'not-for-signing';

export type CertificateTrust =
  | { trusted: true; chain: X509Certificate[] }
  | { trusted: false; reason: CertificateTrustProblem };

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+?-----END CERTIFICATE-----/g;

/** Every certificate of a PEM text, which may hold several (a bundle). */
export function certificatesInPem(text: string): string[] {
  return [...text.matchAll(PEM_BLOCK)].map((m) => `${m[0]}\n`);
}

/**
 * Trust anchors from PEM texts (each may be a bundle). Only CA certificates qualify; anything
 * else is a configuration mistake, refused at cold start with what it was.
 */
export function trustAnchorsFrom(pems: readonly string[]): TrustAnchors {
  const certificates: X509Certificate[] = [];
  for (const pem of pems.flatMap(certificatesInPem)) {
    const certificate = new X509Certificate(pem);
    if (!certificate.ca) {
      throw new Error(`A trusted CA must be a CA certificate: ${certificate.subject}`);
    }
    if (!certificates.some((c) => c.raw.equals(certificate.raw))) certificates.push(certificate);
  }
  return { certificates };
}

/** Longer chains than this are refused rather than walked (qualified chains have 2 or 3 links). */
const MAX_DEPTH = 6;

/**
 * Whether `leaf` chains to one of `anchors` at time `at`, through the CA certificates `supplied`
 * (those of the uploaded PKCS#12) or the anchors themselves. Every link is checked: the issuer's
 * name and signature, the issuer being a CA (basicConstraints cA, keyCertSign where key usage is
 * present, path length), and every certificate of the chain, the anchor included, valid at `at`.
 * The leaf's key usage, where present, must allow digitalSignature or nonRepudiation (RFC 5280:
 * no key usage extension means no restriction).
 *
 * Revocation is NOT checked: OCSP and CRLs are network calls to the CA that this pure check cannot
 * make, so a revoked certificate that is otherwise valid is trusted.
 */
export function verifyCertificateChain(
  leaf: X509Certificate,
  supplied: readonly X509Certificate[],
  anchors: TrustAnchors,
  at: Date,
): CertificateTrust {
  const leafValidity = validityAt(leaf, at);
  if (leafValidity) return { trusted: false, reason: leafValidity };
  const chain = pathToAnchor(leaf, supplied, anchors);
  if (!chain) return { trusted: false, reason: 'untrusted-issuer' };
  for (const ca of chain) {
    const validity = validityAt(ca, at);
    if (validity) return { trusted: false, reason: validity };
  }
  const usage = keyUsageOf(leaf);
  const signing = KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation;
  if (usage !== undefined && (usage & signing) === 0) {
    return { trusted: false, reason: 'not-for-signing' };
  }
  return { trusted: true, chain };
}

function validityAt(certificate: X509Certificate, at: Date): 'expired' | 'not-yet-valid' | null {
  if (Date.parse(certificate.validTo) < at.getTime()) return 'expired';
  if (Date.parse(certificate.validFrom) > at.getTime()) return 'not-yet-valid';
  return null;
}

const isAnchor = (anchors: TrustAnchors, c: X509Certificate) =>
  anchors.certificates.some((a) => a.raw.equals(c.raw));

/**
 * The CA certificates from `leaf`'s issuer up to a trust anchor (inclusive), or undefined. A
 * depth-first search, anchors tried first, since a PKCS#12 may carry a cross-certificate or a
 * re-issued root next to the one we trust.
 */
function pathToAnchor(
  leaf: X509Certificate,
  supplied: readonly X509Certificate[],
  anchors: TrustAnchors,
): X509Certificate[] | undefined {
  if (isAnchor(anchors, leaf)) return [];
  const candidates = [...anchors.certificates, ...supplied];
  const walk = (
    current: X509Certificate,
    path: X509Certificate[],
  ): X509Certificate[] | undefined => {
    if (path.length >= MAX_DEPTH) return undefined;
    for (const issuer of candidates) {
      if (path.some((c) => c.raw.equals(issuer.raw)) || issuer.raw.equals(current.raw)) continue;
      if (!issues(issuer, current, path.length)) continue;
      const next = [...path, issuer];
      if (isAnchor(anchors, issuer)) return next;
      const found = walk(issuer, next);
      if (found) return found;
    }
    return undefined;
  };
  return walk(leaf, []);
}

/**
 * Whether `issuer` is a CA that signed `subject`, with `below` CA certificates between `subject`
 * and the leaf (for the issuer's path length constraint).
 */
function issues(issuer: X509Certificate, subject: X509Certificate, below: number): boolean {
  if (!subject.checkIssued(issuer) || !issuer.ca) return false;
  const usage = keyUsageOf(issuer);
  if (usage !== undefined && (usage & KeyUsageFlags.keyCertSign) === 0) return false;
  const pathLength = pathLengthOf(issuer);
  if (pathLength !== undefined && below > pathLength) return false;
  try {
    return subject.verify(issuer.publicKey);
  } catch {
    // A key type or signature algorithm Node cannot check proves nothing.
    return false;
  }
}

/** The extensions of a certificate, read with @peculiar/asn1-x509 (Node exposes neither). */
function extension<T>(
  certificate: X509Certificate,
  id: string,
  type: new () => T,
): T | undefined | null {
  try {
    const parsed = AsnConvert.parse(certificate.raw, Certificate);
    const found = parsed.tbsCertificate.extensions?.find((e) => e.extnID === id);
    return found ? AsnConvert.parse(found.extnValue, type) : undefined;
  } catch {
    return null;
  }
}

/** The key usage bits (KeyUsageFlags), undefined without the extension; unreadable means none. */
function keyUsageOf(certificate: X509Certificate): number | undefined {
  const usage = extension(certificate, id_ce_keyUsage, KeyUsage);
  if (usage === null) return 0;
  return usage?.toNumber();
}

function pathLengthOf(certificate: X509Certificate): number | undefined {
  const constraints = extension(certificate, id_ce_basicConstraints, BasicConstraints);
  // Unreadable constraints: allow no CA below it.
  if (constraints === null) return 0;
  return constraints?.pathLenConstraint;
}
