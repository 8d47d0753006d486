import { createPrivateKey, createPublicKey, type KeyObject, X509Certificate } from 'node:crypto';

/**
 * A Mexican CSD (certificado de sello digital) as SAT issues it: the certificate (`.cer`, DER or
 * PEM) and its private key (`.key`, PKCS#8 encrypted with the taxpayer's password). Node's
 * OpenSSL opens both; nothing is kept but what sealing needs.
 */
export interface Csd {
  /** The certificate's DER bytes: `Certificado` is their base64. */
  certificate: Uint8Array;
  /** The private key as unencrypted PKCS#8 DER, for importing into KMS; never stored as is. */
  privateKey: Uint8Array;
  /** The 20 digits of `NoCertificado`. */
  noCertificado: string;
  /** The holder's RFC (x500UniqueIdentifier's first part; the second is the legal representative's). */
  rfc: string;
  /** The holder's name as SAT registered it (the subject's O, else its CN). */
  legalName: string;
  /** The branch (OU): SAT sets it on a CSD and never on an e.firma (FIEL) certificate. */
  branch: string;
  validFrom: Date;
  validTo: Date;
}

export type CsdProblem =
  | 'certificate' // not an X.509 certificate
  | 'not-csd' // a certificate, but not one of SAT's (no RFC or SAT number)
  | 'e-firma' // SAT's, but an e.firma (FIEL): it signs declarations, not invoices
  | 'key' // not a PKCS#8 key, or the password does not open it
  | 'mismatch'; // the key is not the certificate's

/** Why a CSD could not be read; `field` is the input it names. The message never holds the password. */
export class CsdError extends Error {
  constructor(
    readonly problem: CsdProblem,
    readonly field: 'certificate' | 'key' | 'password',
    message: string,
  ) {
    super(message);
    this.name = 'CsdError';
  }
}

/**
 * SAT writes the 20 digits of a CSD number as the ASCII bytes of the certificate's serial
 * (serial 0x3330303031… is 30001…).
 */
export function noCertificadoOf(certificate: X509Certificate): string | undefined {
  const serial = certificate.serialNumber;
  const digits = Buffer.from(serial.length % 2 ? `0${serial}` : serial, 'hex').toString('latin1');
  return /^\d{20}$/.test(digits) ? digits : undefined;
}

/** `x500UniqueIdentifier=EKU9003173C9 / VADA800927DJ3` and the other lines of a subject. */
function subjectField(certificate: X509Certificate, name: string): string {
  for (const line of certificate.subject.split('\n')) {
    const at = line.indexOf('=');
    if (line.slice(0, at) === name) return line.slice(at + 1).trim();
  }
  return '';
}

const spki = (key: KeyObject) => key.export({ format: 'der', type: 'spki' });

function openCertificate(bytes: Uint8Array): X509Certificate {
  try {
    return new X509Certificate(bytes);
  } catch {
    throw new CsdError('certificate', 'certificate', 'The .cer file is not an X.509 certificate');
  }
}

function openKey(bytes: Uint8Array, password: string): KeyObject {
  const text = Buffer.from(bytes).toString('latin1');
  const pem = text.includes('-----BEGIN');
  try {
    return createPrivateKey(
      pem
        ? { key: text, format: 'pem', passphrase: password }
        : { key: Buffer.from(bytes), format: 'der', type: 'pkcs8', passphrase: password },
    );
  } catch {
    // OpenSSL says "bad decrypt" for a wrong password and other things for a wrong file; a
    // readable structure that will not decrypt is by far the usual case.
    throw new CsdError('key', 'password', 'The password does not open this .key file');
  }
}

/** What a CSD's certificate says: the `Csd` without the key. */
export type CsdCertificate = Omit<Csd, 'privateKey'>;

/**
 * Reads a seal certificate: a 20-digit SAT number, an RFC and a branch (an e.firma has none).
 * Dates are reported, not judged: whether it is in force is a question about each invoice's date.
 */
export function readCsdCertificate(cer: Uint8Array): CsdCertificate {
  const certificate = openCertificate(cer);
  const noCertificado = noCertificadoOf(certificate);
  const rfc = subjectField(certificate, 'x500UniqueIdentifier').split('/')[0]!.trim();
  const branch = subjectField(certificate, 'OU');
  if (!noCertificado || !rfc) {
    throw new CsdError(
      'not-csd',
      'certificate',
      'Not a certificate issued by SAT (no RFC or certificate number)',
    );
  }
  if (!branch) {
    throw new CsdError(
      'e-firma',
      'certificate',
      'This is an e.firma (FIEL) certificate; invoices are sealed with a CSD',
    );
  }
  return {
    certificate: new Uint8Array(certificate.raw),
    noCertificado,
    rfc,
    legalName: subjectField(certificate, 'O') || subjectField(certificate, 'CN'),
    branch,
    validFrom: new Date(certificate.validFrom),
    validTo: new Date(certificate.validTo),
  };
}

/** Opens a CSD: a seal certificate (see `readCsdCertificate`) and, opened with the password, its key. */
export function readCsd(cer: Uint8Array, key: Uint8Array, password: string): Csd {
  const read = readCsdCertificate(cer);
  const privateKey = openKey(key, password);
  if (privateKey.asymmetricKeyType !== 'rsa') {
    throw new CsdError('key', 'key', 'A CSD key is RSA');
  }
  const publicKey = new X509Certificate(read.certificate).publicKey;
  if (!spki(createPublicKey(privateKey)).equals(spki(publicKey))) {
    throw new CsdError('mismatch', 'key', 'The .key file is not the key of this certificate');
  }
  return {
    ...read,
    privateKey: new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' })),
  };
}
