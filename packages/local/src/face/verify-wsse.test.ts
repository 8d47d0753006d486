import { consultarFactura, signedEnvelope } from '@sello/aws/face';
import { testIdentity, testSelfSigned } from '@sello/signing/testing';
import { describe, expect, it } from 'vitest';
import { verifyWsSecurity } from './verify-wsse.ts';

const now = new Date('2026-12-08T10:00:00Z');

async function envelope() {
  const id = await testIdentity();
  const { xml } = await signedEnvelope(consultarFactura('202600000001'), {
    ...id,
    algorithm: 'RSASSA_PKCS1_V1_5_SHA_256',
    now,
  });
  return { xml, id };
}

describe("the FACe fake's WS-Security check (xml-crypto)", () => {
  it("accepts the adapter's envelope and names the certificate and the operation", async () => {
    const { xml, id } = await envelope();
    const result = verifyWsSecurity(xml, now);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.certificate.raw.equals(Buffer.from(id.certificateDer))).toBe(true);
    expect(result.operation.localName).toBe('consultarFactura');
  });

  it('refuses a changed body with wsse:FailedCheck', async () => {
    const { xml } = await envelope();
    const result = verifyWsSecurity(xml.replace('202600000001', '202600000002'), now);
    expect(result).toMatchObject({ ok: false, fault: 'wsse:FailedCheck' });
  });

  it('refuses a token swapped for another certificate', async () => {
    const { xml, id } = await envelope();
    const other = testSelfSigned({ commonName: 'Someone Else' });
    const swapped = xml.replace(
      Buffer.from(id.certificateDer).toString('base64'),
      Buffer.from(other.der).toString('base64'),
    );
    expect(swapped).not.toBe(xml);
    expect(verifyWsSecurity(swapped, now)).toMatchObject({ ok: false, fault: 'wsse:FailedCheck' });
  });

  it('refuses an expired request with wsse:MessageExpired', async () => {
    const { xml } = await envelope();
    const later = new Date(now.getTime() + 60 * 60_000);
    expect(verifyWsSecurity(xml, later)).toMatchObject({ ok: false, fault: 'wsse:MessageExpired' });
  });

  it('refuses a request without a Security header', () => {
    const bare =
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>' +
      '<web:consultarFactura xmlns:web="https://webservice.face.gob.es"/></soapenv:Body></soapenv:Envelope>';
    expect(verifyWsSecurity(bare, now)).toMatchObject({
      ok: false,
      fault: 'wsse:InvalidSecurity',
    });
  });
});
