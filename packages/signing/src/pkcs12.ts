import { timingSafeEqual } from 'node:crypto';
import { type Pkcs12Contents, Pkcs12Error } from '@sello/core/signing';
import forge from 'node-forge';

/**
 * Opens a PKCS#12 (.p12/.pfx) file (RFC 7292) with node-forge's ASN.1 and cipher primitives.
 *
 * We walk the structure ourselves instead of calling `forge.pkcs12.pkcs12FromAsn1` because that
 * re-encodes certificates and drops keys it cannot model (EC), while we need the certificates'
 * exact bytes (their hash goes into the XAdES signature) and every key as PKCS#8, whatever its type.
 *
 * Supports what certificate files in the wild use: the legacy PKCS#12 PBE schemes (3DES for keys,
 * 40-bit RC2 for certificates: Windows, Firefox and older FNMT exports) and PBES2 with PBKDF2 and
 * AES-CBC (OpenSSL 3 and current Windows), with an HMAC-SHA-1/256/384/512 integrity MAC.
 */
export function readPkcs12(base64: string, password: string): Pkcs12Contents {
  try {
    return read(base64, password);
  } catch (error) {
    if (error instanceof Pkcs12Error) throw error;
    // Whatever else trips over the bytes (a truncated file, a forge parse error) is bad input.
    throw new Pkcs12Error('not-pkcs12', 'Not a readable PKCS#12 file');
  }
}

/** The password as each key derivation wants it; `bmp` null means "no password at all". */
interface Password {
  utf8: string;
  bmp: string | null;
}

function read(base64: string, text: string): Pkcs12Contents {
  const pfx = parsePfx(base64);
  const password = verifiedPassword(pfx, text);
  const out: Pkcs12Contents = { privateKeys: [], certificates: [] };
  const authSafe = children(parseDer(pfx.data, 'AuthenticatedSafe'), 'AuthenticatedSafe');
  for (const contentInfo of authSafe) {
    const [type, content] = children(contentInfo, 'ContentInfo');
    switch (oidOf(type)) {
      case OID.data:
        readSafeContents(octets(explicit(content)), password, out);
        break;
      case OID.encryptedData:
        readSafeContents(decryptEncryptedData(explicit(content), password), password, out);
        break;
      default:
        // envelopedData: public-key privacy mode, which needs a key we do not have.
        throw new Pkcs12Error(
          'unsupported',
          'This PKCS#12 file is protected with a public key instead of a password',
        );
    }
  }
  return out;
}

const { asn1, pki, util } = forge;
type Asn1 = forge.asn1.Asn1;

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  safeContentsBag: '1.2.840.113549.1.12.10.1.6',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  pbes2: '1.2.840.113549.1.5.13',
  pbmac1: '1.2.840.113549.1.5.14',
  pbeSha3Des: '1.2.840.113549.1.12.1.3',
  pbeShaRc2_40: '1.2.840.113549.1.12.1.6',
} as const;

const MAC_DIGESTS: Record<string, () => forge.md.MessageDigest> = {
  '1.3.14.3.2.26': () => forge.md.sha1.create(),
  '2.16.840.1.101.3.4.2.1': () => forge.md.sha256.create(),
  '2.16.840.1.101.3.4.2.2': () => forge.md.sha384.create(),
  '2.16.840.1.101.3.4.2.3': () => forge.md.sha512.create(),
};

/** A cap on key-derivation rounds, so a crafted file cannot hold a function for minutes. */
const MAX_ITERATIONS = 10_000_000;

/** The parts of forge's PBE module that @types/node-forge does not declare. */
interface ForgePbe {
  getCipherForPBES2(oid: string, params: Asn1, password: string): forge.cipher.BlockCipher;
  getCipherForPKCS12PBE(
    oid: string,
    params: Asn1,
    password: string | null,
  ): forge.cipher.BlockCipher;
}
const pbe = (pki as unknown as { pbe: ForgePbe }).pbe;

/** Structurally wrong: readPkcs12 reports it as not a PKCS#12 file. */
class NotPkcs12 extends Error {}

const notPkcs12 = (what: string): never => {
  throw new NotPkcs12(what);
};

function parseDer(bytes: string, what: string): Asn1 {
  try {
    const fromDer = asn1.fromDer as unknown as (
      bytes: string,
      options: { strict: boolean; parseAllBytes: boolean; decodeBitStrings: boolean },
    ) => Asn1;
    return fromDer(bytes, { strict: true, parseAllBytes: false, decodeBitStrings: false });
  } catch {
    return notPkcs12(`${what} is not valid DER`);
  }
}

function children(node: Asn1 | undefined, what: string): Asn1[] {
  if (!node || !Array.isArray(node.value)) return notPkcs12(`${what} is not a SEQUENCE`);
  return node.value;
}

function oidOf(node: Asn1 | undefined): string {
  if (!node || node.type !== asn1.Type.OID || typeof node.value !== 'string') {
    return notPkcs12('expected an OBJECT IDENTIFIER');
  }
  return asn1.derToOid(node.value);
}

/** The content of an `[0] EXPLICIT` wrapper. */
function explicit(node: Asn1 | undefined): Asn1 {
  if (!node || node.tagClass !== asn1.Class.CONTEXT_SPECIFIC || !Array.isArray(node.value)) {
    return notPkcs12('expected a [0] EXPLICIT value');
  }
  return node.value[0] ?? notPkcs12('empty [0] EXPLICIT value');
}

/** Bytes of an OCTET STRING, including BER's constructed (chunked) form. */
function octets(node: Asn1 | undefined): string {
  if (!node) return notPkcs12('expected an OCTET STRING');
  if (typeof node.value === 'string') return node.value;
  return node.value.map(octets).join('');
}

function integer(node: Asn1 | undefined): number {
  if (!node || typeof node.value !== 'string') return notPkcs12('expected an INTEGER');
  return asn1.derToInteger(node.value);
}

function parsePfx(base64: string) {
  const bytes = Buffer.from(base64.replace(/\s+/g, ''), 'base64');
  const [version, authSafe, macData] = children(parseDer(bytes.toString('binary'), 'PFX'), 'PFX');
  if (integer(version) !== 3) notPkcs12('PFX version is not 3');
  const [contentType, content] = children(authSafe, 'authSafe');
  if (oidOf(contentType) !== OID.data) {
    // signedData: public-key integrity mode.
    throw new Pkcs12Error(
      'unsupported',
      'This PKCS#12 file is signed instead of password-protected',
    );
  }
  return { data: octets(explicit(content)), macData };
}

/**
 * Checks the integrity MAC (RFC 7292 appendix B key derivation, then HMAC over the content) and
 * answers the password in the form that opened it.
 */
function verifiedPassword(
  pfx: { data: string; macData: Asn1 | undefined },
  text: string,
): Password {
  const password = { utf8: util.encodeUtf8(text), bmp: text };
  // No MAC: a wrong password shows when decrypting instead.
  if (!pfx.macData) return password;
  const [digestInfo, salt, iterations] = children(pfx.macData, 'MacData');
  const [algorithm, digest] = children(digestInfo, 'DigestInfo');
  const oid = oidOf(children(algorithm, 'AlgorithmIdentifier')[0]);
  if (oid === OID.pbmac1) {
    throw new Pkcs12Error('unsupported', 'This PKCS#12 file uses a PBMAC1 integrity MAC');
  }
  const makeDigest = MAC_DIGESTS[oid];
  if (!makeDigest) {
    throw new Pkcs12Error('unsupported', `This PKCS#12 file uses an unknown MAC digest (${oid})`);
  }
  const rounds = iterations ? integer(iterations) : 1;
  checkIterations(rounds);
  const expected = Buffer.from(octets(digest), 'binary');
  const matches = (bmp: string | null) => {
    const md = makeDigest();
    const key = forge.pkcs12.generateKey(
      bmp,
      util.createBuffer(octets(salt)),
      3,
      rounds,
      md.digestLength,
      makeDigest(),
    );
    const hmac = forge.hmac.create();
    hmac.start(md, key);
    hmac.update(pfx.data);
    const mac = Buffer.from(hmac.digest().getBytes(), 'binary');
    return mac.length === expected.length && timingSafeEqual(mac, expected);
  };
  if (matches(text)) return password;
  // Tools write an empty password either as an empty BMPString or as no password at all.
  if (text === '' && matches(null)) return { utf8: '', bmp: null };
  throw new Pkcs12Error('wrong-password', 'The password does not match this PKCS#12 file');
}

function checkIterations(rounds: number) {
  if (!(rounds >= 1 && rounds <= MAX_ITERATIONS)) {
    throw new Pkcs12Error(
      'unsupported',
      `This PKCS#12 file asks for ${rounds} key-derivation rounds`,
    );
  }
}

/** Reads every bag of a SafeContents, collecting keys and certificates. */
function readSafeContents(bytes: string, password: Password, out: Pkcs12Contents) {
  for (const bag of children(parseDer(bytes, 'SafeContents'), 'SafeContents')) {
    const [bagId, bagValue] = children(bag, 'SafeBag');
    const value = explicit(bagValue);
    switch (oidOf(bagId)) {
      case OID.keyBag:
        out.privateKeys.push(binary(asn1.toDer(value).getBytes()));
        break;
      case OID.shroudedKeyBag: {
        const [algorithm, encrypted] = children(value, 'EncryptedPrivateKeyInfo');
        const plain = decrypt(algorithm, octets(encrypted), password);
        // A wrong password can leave valid padding by chance; the DER check catches that.
        asDecrypted(() => children(parseDer(plain, 'PrivateKeyInfo'), 'PrivateKeyInfo'));
        out.privateKeys.push(binary(plain));
        break;
      }
      case OID.certBag: {
        const [certId, certValue] = children(value, 'CertBag');
        // sdsiCertificate and other types carry nothing we can sign with.
        if (oidOf(certId) === OID.x509Certificate) {
          out.certificates.push(pem(octets(explicit(certValue))));
        }
        break;
      }
      case OID.safeContentsBag:
        readSafeContents(asn1.toDer(value).getBytes(), password, out);
        break;
      default:
        // CRLs and secrets: not ours to keep.
        break;
    }
  }
}

/** EncryptedData { version, EncryptedContentInfo { type, algorithm, [0] IMPLICIT content } }. */
function decryptEncryptedData(encryptedData: Asn1, password: Password): string {
  const [, info] = children(encryptedData, 'EncryptedData');
  const [, algorithm, content] = children(info, 'EncryptedContentInfo');
  if (!content) return '';
  const plain = decrypt(algorithm, octets(content), password);
  asDecrypted(() => children(parseDer(plain, 'SafeContents'), 'SafeContents'));
  return plain;
}

function decrypt(algorithm: Asn1 | undefined, ciphertext: string, password: Password): string {
  const [oidNode, params] = children(algorithm, 'AlgorithmIdentifier');
  const oid = oidOf(oidNode);
  if (!params) return notPkcs12('encryption parameters are missing');
  let cipher: forge.cipher.BlockCipher;
  try {
    if (oid === OID.pbes2) {
      checkIterations(pbes2Iterations(params));
      // PBES2 derives from the password's UTF-8 bytes (forge wants them as a binary string).
      cipher = pbe.getCipherForPBES2(oid, params, password.utf8);
    } else if (oid === OID.pbeSha3Des || oid === OID.pbeShaRc2_40) {
      checkIterations(integer(children(params, 'pkcs-12PbeParams')[1]));
      // The PKCS#12 KDF takes the password as a BMPString; forge encodes the UTF-16 itself.
      cipher = pbe.getCipherForPKCS12PBE(oid, params, password.bmp);
    } else {
      throw new Pkcs12Error(
        'unsupported',
        `This PKCS#12 file uses an unsupported encryption (${oid})`,
      );
    }
  } catch (error) {
    if (error instanceof Pkcs12Error || error instanceof NotPkcs12) throw error;
    // forge refuses PRFs, KDFs and ciphers it lacks (e.g. scrypt, AES-GCM) with a plain Error.
    throw new Pkcs12Error('unsupported', 'This PKCS#12 file uses an unsupported encryption scheme');
  }
  cipher.update(util.createBuffer(ciphertext));
  if (!cipher.finish()) {
    throw new Pkcs12Error('wrong-password', 'The password does not match this PKCS#12 file');
  }
  return cipher.output.getBytes();
}

/** PBES2-params { keyDerivationFunc { PBKDF2, { salt, iterationCount, … } }, encryptionScheme }. */
function pbes2Iterations(params: Asn1): number {
  const [kdf] = children(params, 'PBES2-params');
  const [, kdfParams] = children(kdf, 'keyDerivationFunc');
  return integer(children(kdfParams, 'PBKDF2-params')[1]);
}

/** Bad structure inside decrypted bytes means the password (or file) was wrong. */
function asDecrypted(check: () => unknown) {
  try {
    check();
  } catch (error) {
    if (error instanceof NotPkcs12) {
      throw new Pkcs12Error('wrong-password', 'The password does not match this PKCS#12 file');
    }
    throw error;
  }
}

const binary = (bytes: string) => new Uint8Array(Buffer.from(bytes, 'binary'));

function pem(derBytes: string): string {
  const base64 = Buffer.from(derBytes, 'binary').toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}
