import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordingSigner, testIdentity } from '@sello/signing/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { consultarFactura, enviarFactura, fault, resultado, text } from './messages.ts';
import { signedEnvelope } from './wsse.ts';

const dir = mkdtempSync(join(tmpdir(), 'sello-face-wsse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** xmlsec1, an independent verifier: the references are found by their (wsu:)Id attributes. */
function xmlsec1(xml: string, certificatePem: string) {
  const file = join(dir, `env-${Math.random().toString(36).slice(2)}.xml`);
  const cert = join(dir, 'cert.pem');
  writeFileSync(file, xml);
  writeFileSync(cert, certificatePem);
  const r = spawnSync(
    'xmlsec1',
    [
      '--verify',
      '--pubkey-cert-pem',
      cert,
      '--id-attr:Id',
      'Body',
      '--id-attr:Id',
      'Timestamp',
      file,
    ],
    { encoding: 'utf8' },
  );
  if (r.error) throw new Error('xmlsec1 is needed (apt-get install -y xmlsec1)');
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

const now = new Date('2026-12-08T10:00:00Z');
const operation = enviarFactura({
  correo: 'facturas@talleres.example',
  factura: { base64: 'PGZhY3R1cmEvPg==', name: 'F2026-000001 & co.xsig', mime: 'application/xml' },
  anexos: [{ base64: 'JVBERi0=', name: 'albaran.pdf', mime: 'application/pdf' }],
});

describe('FACe WS-Security envelope', () => {
  it('is signed over the Timestamp and the Body, and xmlsec1 verifies it (2 of 2 references)', async () => {
    const id = await testIdentity();
    for (const algorithm of ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_512'] as const) {
      const { xml } = await signedEnvelope(operation, { ...id, algorithm, now });
      const result = xmlsec1(xml, id.certificatePem);
      expect(result.output).toContain('SignedInfo References (ok/all): 2/2');
      expect(result.status).toBe(0);
    }
  });

  it('carries the token, the timestamp and the RPC body FACe reads', async () => {
    const id = await testIdentity();
    const { xml, ids } = await signedEnvelope(operation, {
      ...id,
      algorithm: 'RSASSA_PKCS1_V1_5_SHA_256',
      now,
      ids: 'fixed',
    });
    expect(xml).toContain(
      `wsu:Id="X509-fixed">${Buffer.from(id.certificateDer).toString('base64')}</wsse:BinarySecurityToken>`,
    );
    expect(xml).toContain(
      '<wsu:Created>2026-12-08T10:00:00Z</wsu:Created><wsu:Expires>2026-12-08T10:05:00Z</wsu:Expires>',
    );
    expect(xml).toContain('<wsse:Reference URI="#X509-fixed"');
    expect(xml).toContain(
      '<web:enviarFactura xmlns:web="https://webservice.face.gob.es"><request>' +
        '<correo>facturas@talleres.example</correo><factura><factura>PGZhY3R1cmEvPg==</factura>' +
        '<nombre>F2026-000001 &amp; co.xsig</nombre><mime>application/xml</mime></factura>' +
        '<anexos><anexo><anexo>JVBERi0=</anexo><nombre>albaran.pdf</nombre>' +
        '<mime>application/pdf</mime></anexo></anexos></request></web:enviarFactura>',
    );
    expect(ids).toEqual({
      body: 'Body-fixed',
      timestamp: 'TS-fixed',
      token: 'X509-fixed',
      signature: 'SIG-fixed',
    });
  });

  it('signs through the Signer port once, with the key and algorithm of the identity', async () => {
    const id = await testIdentity();
    const { signer, calls } = recordingSigner(id.signer);
    await signedEnvelope(consultarFactura('202600000001'), {
      ...id,
      signer,
      algorithm: 'RSASSA_PKCS1_V1_5_SHA_512',
      now,
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.keyId).toBe(id.keyId);
    expect(calls[0]!.algorithm).toBe('RSASSA_PKCS1_V1_5_SHA_512');
    expect(calls[0]!.digest).toHaveLength(64);
  });

  it('fails xmlsec1 when the body or the timestamp is changed', async () => {
    const id = await testIdentity();
    const { xml } = await signedEnvelope(operation, {
      ...id,
      algorithm: 'RSASSA_PKCS1_V1_5_SHA_256',
      now,
    });
    const tampered = [
      xml.replace('facturas@talleres.example', 'facturas@talleres.exampla'),
      xml.replace('2026-12-08T10:05:00Z', '2026-12-08T11:05:00Z'),
    ];
    for (const bad of tampered) {
      expect(bad).not.toBe(xml);
      const result = xmlsec1(bad, id.certificatePem);
      expect(result.status).not.toBe(0);
      expect(result.output).toContain('FAIL');
    }
  });
});

describe('FACe answers', () => {
  it('reads resultado, its text decoded, and a SOAP Fault', () => {
    const ok =
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
      '<ns1:enviarFacturaResponse xmlns:ns1="https://webservice.face.gob.es"><return>' +
      '<resultado><codigo>0</codigo><descripcion>Correcto &amp; registrada</descripcion>' +
      '<codigoSeguimiento/></resultado><factura><numeroRegistro>202600000042</numeroRegistro>' +
      '</factura></return></ns1:enviarFacturaResponse></soap:Body></soap:Envelope>';
    expect(resultado(ok)).toEqual({ codigo: '0', descripcion: 'Correcto & registrada' });
    expect(text(ok, 'numeroRegistro')).toBe('202600000042');
    expect(fault(ok)).toBeUndefined();
    const refused =
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>' +
      '<faultcode>wsse:FailedCheck</faultcode><faultstring>bad signature</faultstring>' +
      '</s:Fault></s:Body></s:Envelope>';
    expect(fault(refused)).toEqual({ faultcode: 'wsse:FailedCheck', faultstring: 'bad signature' });
  });
});
