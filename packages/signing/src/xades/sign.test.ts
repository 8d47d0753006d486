import { createHash } from 'node:crypto';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  recordingSigner,
  type TestSigningIdentity,
  testIdentity,
  unsignedFacturae,
} from '../../testing/index.ts';
import { canonicalizeRoot } from './canonicalize.ts';
import { DS_NS, FACTURAE_POLICY, XADES_NS } from './constants.ts';
import { type SignFacturaeOptions, signFacturae, signFacturaeDetailed } from './sign.ts';
import { verifyFacturaeSignature } from './verify.ts';

let id: TestSigningIdentity;
let options: SignFacturaeOptions;
const unsigned = unsignedFacturae('design');

beforeAll(async () => {
  id = await testIdentity();
  options = {
    signer: id.signer,
    keyId: id.keyId,
    certificateDer: id.certificateDer,
    algorithm: 'RSASSA_PKCS1_V1_5_SHA_512',
    signingTime: new Date('2026-03-15T10:30:00Z'),
    ids: 't1',
  };
});

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml');
const childElements = (el: Element) =>
  Array.from(el.childNodes).filter((n): n is Element => n.nodeType === 1);
const names = (el: Element) => childElements(el).map((c) => c.tagName);

describe('signFacturae', () => {
  it('appends one enveloped ds:Signature to the root and changes nothing else', async () => {
    const signed = await signFacturae(unsigned, options);
    const start = signed.indexOf('<ds:Signature ');
    expect(signed.slice(0, start) + signed.slice(signed.indexOf('</ds:Signature>') + 15)).toBe(
      unsigned,
    );
    expect(signed.endsWith('</ds:Signature></fe:Facturae>')).toBe(true);
  });

  it('lays the signature out as Facturae-PHP does (XAdES-EPES, policy v3.1)', async () => {
    const doc = parse(await signFacturae(unsigned, options));
    const signature = doc.getElementsByTagNameNS(DS_NS, 'Signature')[0]!;
    expect(signature.getAttribute('Id')).toBe('Signature-t1');
    expect(names(signature)).toEqual([
      'ds:SignedInfo',
      'ds:SignatureValue',
      'ds:KeyInfo',
      'ds:Object',
    ]);

    const signedInfo = childElements(signature)[0]!;
    expect(names(signedInfo)).toEqual([
      'ds:CanonicalizationMethod',
      'ds:SignatureMethod',
      'ds:Reference',
      'ds:Reference',
      'ds:Reference',
    ]);
    expect(childElements(signedInfo)[0]!.getAttribute('Algorithm')).toBe(
      'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
    );
    expect(childElements(signedInfo)[1]!.getAttribute('Algorithm')).toBe(
      'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
    );
    const refs = childElements(signedInfo)
      .slice(2)
      .map((r) => ({
        uri: r.getAttribute('URI'),
        type: r.getAttribute('Type'),
        transforms: Array.from(r.getElementsByTagNameNS(DS_NS, 'Transform')).map((t) =>
          t.getAttribute('Algorithm'),
        ),
      }));
    expect(refs).toEqual([
      {
        uri: '#Signature-t1-SignedProperties',
        type: 'http://uri.etsi.org/01903#SignedProperties',
        transforms: [],
      },
      { uri: '#Certificate-t1', type: null, transforms: [] },
      {
        uri: '',
        type: 'http://www.w3.org/2000/09/xmldsig#Object',
        transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature'],
      },
    ]);

    const keyInfo = childElements(signature)[2]!;
    expect(keyInfo.getAttribute('Id')).toBe('Certificate-t1');
    expect(names(keyInfo)).toEqual(['ds:X509Data', 'ds:KeyValue']);
    expect(keyInfo.getElementsByTagNameNS(DS_NS, 'Exponent')[0]!.textContent).toBe('AQAB');

    const qualifying = doc.getElementsByTagNameNS(XADES_NS, 'QualifyingProperties')[0]!;
    expect(qualifying.getAttribute('Target')).toBe('#Signature-t1');
    const text = (name: string) => doc.getElementsByTagNameNS(XADES_NS, name)[0]!.textContent;
    expect(text('SigningTime')).toBe('2026-03-15T10:30:00+00:00');
    expect(text('ClaimedRole')).toBe('emisor');
    expect(text('MimeType')).toBe('text/xml');
    expect(text('Encoding')).toBe('UTF-8');
    expect(doc.getElementsByTagNameNS(XADES_NS, 'Identifier')[0]!.textContent).toBe(
      FACTURAE_POLICY.identifier,
    );
    expect(
      doc.getElementsByTagNameNS(XADES_NS, 'DataObjectFormat')[0]!.getAttribute('ObjectReference'),
    ).toBe('#Reference-ID-t1');
    const serial = doc.getElementsByTagNameNS(DS_NS, 'X509SerialNumber')[0]!.textContent!;
    expect(serial).toMatch(/^\d+$/);
    const certDigest = doc.getElementsByTagNameNS(XADES_NS, 'CertDigest')[0]!;
    expect(certDigest.getElementsByTagNameNS(DS_NS, 'DigestValue')[0]!.textContent).toBe(
      createHash('sha512').update(id.certificateDer).digest('base64'),
    );
  });

  it('hashes SignedInfo and calls the signer once with the digest (KMS DIGEST mode)', async () => {
    for (const [algorithm, bytes, hash] of [
      ['RSASSA_PKCS1_V1_5_SHA_512', 64, 'sha512'],
      ['RSASSA_PKCS1_V1_5_SHA_256', 32, 'sha256'],
    ] as const) {
      const { signer, calls } = recordingSigner(id.signer);
      const detail = await signFacturaeDetailed(unsigned, { ...options, signer, algorithm });
      expect(calls).toHaveLength(1);
      expect(calls[0]!.keyId).toBe(id.keyId);
      expect(calls[0]!.algorithm).toBe(algorithm);
      expect(calls[0]!.digest).toHaveLength(bytes);
      expect(Buffer.from(calls[0]!.digest)).toEqual(
        createHash(hash).update(detail.canonical.signedInfo).digest(),
      );
      expect(detail.xml).toContain(`xmlenc#${hash}`);
    }
  });

  it('is deterministic for fixed ids and time; random ids otherwise', async () => {
    expect(await signFacturae(unsigned, options)).toBe(await signFacturae(unsigned, options));
    const { ids: _ids, ...random } = options;
    const a = await signFacturaeDetailed(unsigned, random);
    const b = await signFacturaeDetailed(unsigned, random);
    expect(a.ids.signature).not.toBe(b.ids.signature);
    expect(a.ids.signature).toMatch(/^Signature-[0-9a-f-]{36}$/);
  });

  it('declares ds and xades on the Signature, or reuses the root declarations', async () => {
    const detail = await signFacturaeDetailed(unsigned, options);
    expect(detail.xml).toContain(
      '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" Id="Signature-t1">',
    );
    expect(
      detail.canonical.signedInfo.startsWith(
        '<ds:SignedInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:fe="http://www.facturae.gob.es/formato/Versiones/Facturaev3_2_2.xml" xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" Id="Signature-t1-SignedInfo">',
      ),
    ).toBe(true);

    const withDs = unsigned.replace('<fe:Facturae ', `<fe:Facturae xmlns:ds="${DS_NS}" `);
    const signed = await signFacturae(withDs, options);
    expect(signed).toContain('<ds:Signature xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" Id=');
    expect(verifyFacturaeSignature(signed).valid).toBe(true);
  });

  it('writes intermediate certificates after the signing certificate', async () => {
    const signed = await signFacturae(unsigned, { ...options, chainDer: [id.certificateDer] });
    expect(signed.match(/<ds:X509Certificate>/g)).toHaveLength(2);
    expect(verifyFacturaeSignature(signed).valid).toBe(true);
  });

  it('refuses input that is visibly not canonical, and canonicalises it on request', async () => {
    const pretty = unsigned
      .replace('<FileHeader>', '\n  <FileHeader>')
      .replace('<Modality>I</Modality>', '<Modality>I</Modality><!-- note -->');
    await expect(signFacturae(pretty, options)).rejects.toThrow(/not in canonical form/);
    const signed = await signFacturae(pretty, { ...options, canonicalize: canonicalizeRoot });
    expect(signed).not.toContain('<!--');
    expect(verifyFacturaeSignature(signed).valid).toBe(true);

    const selfClosing = unsigned.replace(
      '<TotalGeneralDiscounts>0.00</TotalGeneralDiscounts>',
      '<Empty/>',
    );
    await expect(signFacturae(selfClosing, options)).rejects.toThrow(/"\/>"/);
  });

  it('validates its arguments', async () => {
    await expect(signFacturae(unsigned, { ...options, ids: 'bad id' })).rejects.toThrow(/ids/);
    await expect(
      signFacturae(unsigned, { ...options, signingTime: new Date('x') }),
    ).rejects.toThrow(/signingTime/);
    await expect(signFacturae('<!-- x --><a></a>', options)).rejects.toThrow(/XML declaration/);
    await expect(
      signFacturae(unsigned, { ...options, algorithm: 'ECDSA_SHA_256' as never }),
    ).rejects.toThrow(/Unsupported/);
  });
});
