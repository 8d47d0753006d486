/**
 * Test-only: certificates and PKCS#12 files made at test time with node-forge, so tests never
 * carry key material in the repository.
 */
import { createHash, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import forge from 'node-forge';

const { asn1, pki, util } = forge;
type Asn1 = forge.asn1.Asn1;

export interface TestCertificate {
  pem: string;
  der: Buffer;
  /** The certificate's serial number in decimal, as XAdES prints it. */
  serialDecimal: string;
  /** Its private key as unencrypted PKCS#8 DER. */
  keyDer: Buffer;
  privateKey: KeyObject;
  subject: forge.pki.CertificateField[];
}

export interface CertificateOptions {
  commonName: string;
  /** X.520 serialNumber attribute (Spanish certificates carry the holder's tax id there). */
  subjectSerial?: string;
  organization?: string;
  bits?: 2048 | 3072 | 4096 | 1024;
  notBefore?: Date;
  notAfter?: Date;
  /** The whole subject, in this order, instead of the one made from the fields above. */
  subject?: forge.pki.CertificateField[];
}

const DAY = 86_400_000;

/** Native key generation: forge's pure-JS RSA takes seconds per key. */
const rsaKey = (bits: number): KeyObject =>
  generateKeyPairSync('rsa', { modulusLength: bits }).privateKey;

function serialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x10; // positive, and no leading zero byte to strip
  return bytes.toString('hex');
}

function make(
  options: CertificateOptions,
  issuer: TestCertificate | undefined,
  ca: boolean,
): TestCertificate {
  const privateKey = rsaKey(options.bits ?? 2048);
  const keyDer = privateKey.export({ format: 'der', type: 'pkcs8' });
  const forgeKey = pki.privateKeyFromPem(
    privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
  ) as forge.pki.rsa.PrivateKey;
  const publicKey = pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  const cert = pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serialHex();
  cert.validity.notBefore = options.notBefore ?? new Date(Date.now() - DAY);
  cert.validity.notAfter = options.notAfter ?? new Date(Date.now() + 365 * DAY);
  const subject: forge.pki.CertificateField[] = options.subject ?? [
    { shortName: 'C', value: 'ES' },
    { shortName: 'O', value: options.organization ?? 'Sello Test' },
    ...(options.subjectSerial ? [{ name: 'serialNumber', value: options.subjectSerial }] : []),
    { shortName: 'CN', value: options.commonName },
  ];
  cert.setSubject(subject);
  cert.setIssuer(issuer ? issuer.subject : subject);
  const ski = cert.generateSubjectKeyIdentifier().getBytes();
  const issuerCert = issuer ? pki.certificateFromPem(issuer.pem) : undefined;
  cert.setExtensions([
    { name: 'basicConstraints', cA: ca, critical: true },
    ca
      ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier', subjectKeyIdentifier: util.bytesToHex(ski) },
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: issuerCert ? issuerCert.generateSubjectKeyIdentifier().getBytes() : ski,
    },
  ]);
  const signer = issuer
    ? pki.privateKeyFromPem(issuer.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string)
    : forgeKey;
  cert.sign(signer, forge.md.sha256.create());
  const der = Buffer.from(asn1.toDer(pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return {
    pem: pki.certificateToPem(cert),
    der,
    serialDecimal: BigInt(`0x${cert.serialNumber}`).toString(10),
    keyDer,
    privateKey,
    subject,
  };
}

/** A self-signed root CA. */
export const testCa = (options: Partial<CertificateOptions> = {}) =>
  make({ commonName: 'Sello Test Root CA', ...options }, undefined, true);

/** An intermediate CA under `issuer`. */
export const testIntermediate = (
  issuer: TestCertificate,
  options: Partial<CertificateOptions> = {},
) => make({ commonName: 'Sello Test Issuing CA', ...options }, issuer, true);

/** A signing (end-entity) certificate issued by `issuer`. */
export const testLeaf = (issuer: TestCertificate, options: CertificateOptions) =>
  make(options, issuer, false);

/** A self-signed signing (end-entity) certificate, as a development identity holds. */
export const testSelfSigned = (options: CertificateOptions) => make(options, undefined, false);

/** A P-256 key as PKCS#8 DER: KMS could hold it, Facturae signing here cannot. */
export const ecKeyDer = () =>
  generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
    format: 'der',
    type: 'pkcs8',
  });

export type Pkcs12Profile =
  /** 3DES-shrouded key, 40-bit RC2 certificates, SHA-1 MAC: Windows, Firefox, older FNMT exports. */
  | 'legacy'
  /** PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) for key and certificates, SHA-256 MAC: OpenSSL 3. */
  | 'aes';

export interface Pkcs12Options {
  /** PKCS#8 DER keys (usually one). */
  keys: Buffer[];
  /** DER certificates, in the order to write them. */
  certificates: Buffer[];
  password: string;
  profile: Pkcs12Profile;
  iterations?: number;
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  localKeyId: '1.2.840.113549.1.9.21',
  pbeShaRc2_40: '1.2.840.113549.1.12.1.6',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
};

const seq = (items: Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
const set = (items: Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, items);
const oid = (value: string) =>
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(value).getBytes());
const octets = (bytes: string) =>
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes);
const int = (value: number) =>
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(value).getBytes());
const explicit0 = (item: Asn1) => asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [item]);
const toDer = (item: Asn1) => asn1.toDer(item).getBytes();
const bin = (buffer: Buffer) => buffer.toString('binary');

/** PBES2 in PKCS#12 derives from the UTF-8 password; the PKCS#12 KDF from its BMPString. */
const utf8 = (password: string) => util.encodeUtf8(password);

function encryptWithPbes2(item: Asn1, password: string, iterations: number) {
  const [algorithm, data] = pki.encryptPrivateKeyInfo(item, utf8(password), {
    algorithm: 'aes256',
    prfAlgorithm: 'sha256',
    count: iterations,
  } as forge.pki.EncryptionOptions).value as Asn1[];
  return { algorithm: algorithm!, ciphertext: data!.value as string };
}

/** pbeWithSHAAnd40BitRC2-CBC (RFC 7292 appendix C), which forge can read but not write. */
function encryptWithRc2(item: Asn1, password: string, iterations: number) {
  const salt = forge.random.getBytesSync(8);
  const derive = (id: number, n: number) =>
    forge.pkcs12.generateKey(password, util.createBuffer(salt), id, iterations, n);
  const cipher = forge.rc2.createEncryptionCipher(derive(1, 5), 40);
  cipher.start(derive(2, 8));
  cipher.update(util.createBuffer(toDer(item)));
  cipher.finish();
  return {
    algorithm: seq([oid(OID.pbeShaRc2_40), seq([octets(salt), int(iterations)])]),
    ciphertext: cipher.output.getBytes(),
  };
}

const dataInfo = (content: Asn1) => seq([oid(OID.data), explicit0(octets(toDer(content)))]);

function encryptedInfo(encrypted: { algorithm: Asn1; ciphertext: string }) {
  const implicitContent = asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, false, encrypted.ciphertext);
  return seq([
    oid(OID.encryptedData),
    explicit0(seq([int(0), seq([oid(OID.data), encrypted.algorithm, implicitContent])])),
  ]);
}

/** A PKCS#12 file as base64, laid out the way the named exporter writes it. */
export function buildPkcs12(options: Pkcs12Options): string {
  const { password, profile } = options;
  const iterations = options.iterations ?? 2048;
  const localKeyId = options.certificates[0]
    ? createHash('sha1').update(options.certificates[0]).digest('binary')
    : undefined;
  const attributes = localKeyId
    ? [set([seq([oid(OID.localKeyId), set([octets(localKeyId)])])])]
    : [];

  const certBags = options.certificates.map((der, i) =>
    seq([
      oid(OID.certBag),
      explicit0(seq([oid(OID.x509Certificate), explicit0(octets(bin(der)))])),
      ...(i === 0 ? attributes : []),
    ]),
  );
  const keyBags = options.keys.map((der, i) => {
    const info = asn1.fromDer(bin(der));
    const shrouded =
      profile === 'legacy'
        ? pki.encryptPrivateKeyInfo(info, password, { algorithm: '3des', count: iterations })
        : pki.encryptPrivateKeyInfo(info, utf8(password), {
            algorithm: 'aes256',
            prfAlgorithm: 'sha256',
            count: iterations,
          } as forge.pki.EncryptionOptions);
    return seq([oid(OID.shroudedKeyBag), explicit0(shrouded), ...(i === 0 ? attributes : [])]);
  });

  const certSafe = seq(certBags);
  const contents = [
    encryptedInfo(
      profile === 'legacy'
        ? encryptWithRc2(certSafe, password, iterations)
        : encryptWithPbes2(certSafe, password, iterations),
    ),
    dataInfo(seq(keyBags)),
  ];
  const authSafe = toDer(seq(contents));

  const sha256 = profile === 'aes';
  const md = () => (sha256 ? forge.md.sha256.create() : forge.md.sha1.create());
  const salt = forge.random.getBytesSync(8);
  const macKey = forge.pkcs12.generateKey(
    password,
    util.createBuffer(salt),
    3,
    iterations,
    sha256 ? 32 : 20,
    md(),
  );
  const hmac = forge.hmac.create();
  hmac.start(md(), macKey);
  hmac.update(authSafe);
  const macData = seq([
    seq([
      seq([oid(sha256 ? OID.sha256 : OID.sha1), asn1.create(0, asn1.Type.NULL, false, '')]),
      octets(hmac.digest().getBytes()),
    ]),
    octets(salt),
    int(iterations),
  ]);
  const pfx = seq([int(3), seq([oid(OID.data), explicit0(octets(authSafe))]), macData]);
  return Buffer.from(toDer(pfx), 'binary').toString('base64');
}

/** The usual test identity: a root CA and a 2048-bit leaf with a Spanish-style subject. */
export function testChain(options: Partial<CertificateOptions> = {}) {
  const ca = testCa();
  const leaf = testLeaf(ca, {
    commonName: 'GARCIA PEREZ ANA - 12345678Z',
    subjectSerial: 'IDCES-12345678Z',
    ...options,
  });
  return { ca, leaf };
}

/**
 * A TLS server certificate for 127.0.0.1 issued by `ca` (a test CA from above), for a local HTTPS
 * server standing in for a remote endpoint such as AEAT's.
 */
export function serverCertificate(ca: TestCertificate): { cert: string; key: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = pki.createCertificate();
  cert.publicKey = pki.publicKeyFromPem(
    publicKey.export({ format: 'pem', type: 'spki' }) as string,
  );
  cert.serialNumber = '1f2e3d4c5b6a';
  cert.validity.notBefore = new Date(Date.now() - DAY);
  cert.validity.notAfter = new Date(Date.now() + DAY);
  cert.setSubject([{ shortName: 'CN', value: 'localhost' }]);
  cert.setIssuer(ca.subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 7, ip: '127.0.0.1' },
        { type: 2, value: 'localhost' },
      ],
    },
  ]);
  cert.sign(
    pki.privateKeyFromPem(ca.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string),
    forge.md.sha256.create(),
  );
  return {
    cert: pki.certificateToPem(cert),
    key: privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
  };
}
