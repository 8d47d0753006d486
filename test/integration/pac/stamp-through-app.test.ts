import { csdForSealing, putCsd } from '@sello/app/csd';
import { credentialsOf, pac } from '@sello/app/pac';
import { kmsClient } from '@sello/app/platform';
import { KmsSigner } from '@sello/aws';
import { PacRejectedError, PacUnavailableError } from '@sello/core/ports';
import { buildCfdi, type Cfdi, readCfdi, sealCfdi } from '@sello/formats/cfdi';
import { describe, expect, it } from 'vitest';
import { PUBLIC_SALE } from '../../conformance/cfdi/fixtures.ts';
import { createMexicanTenant, SAT_TEST_CSD } from '../../support/mexico.ts';

/**
 * The chain CFDI issuing will use, composed as the functions compose it: the tenant's CSD in KMS
 * seals, and the stage's PAC (here the sandbox PAC through the SW Sapien adapter, its account read
 * from the local Secrets Manager) stamps and cancels.
 */
/** Mexico City's wall clock now, as `Fecha` is written. */
const mexicoNow = () => new Date(Date.now() - 6 * 3_600_000 - 60_000).toISOString().slice(0, 19);

/** A Mexican tenant with SAT's test CSD uploaded (its key imported into the local KMS). */
async function tenantWithCsd() {
  const { tenantId } = await createMexicanTenant();
  await putCsd()(tenantId, SAT_TEST_CSD);
  return tenantId;
}

const draft = (folio: string): Cfdi => ({ ...PUBLIC_SALE, serie: 'T', folio, fecha: mexicoNow() });

describe('sealing with the tenant’s CSD and stamping with the stage’s PAC', () => {
  it('stamps a CFDI sealed in KMS, and cancels it with reason 01 naming its replacement', async () => {
    const tenantId = await tenantWithCsd();
    const csd = await csdForSealing()(tenantId);
    const signer = new KmsSigner(kmsClient());
    const seal = async (folio: string) =>
      buildCfdi(
        await sealCfdi(
          draft(folio),
          signer,
          csd.keyId,
          Buffer.from(csd.certificateBase64, 'base64'),
        ),
      );

    const first = await pac().stamp(await seal('1'));
    expect(readCfdi(first.xml).timbre?.uuid).toBe(first.uuid);
    const replacement = await pac().stamp(await seal('2'));

    await expect(
      pac().cancel({ issuerRfc: 'EKU9003173C9', uuid: first.uuid, reason: '01' }),
    ).rejects.toMatchObject({ pacCode: '301', errors: [{ path: 'substitute' }] });
    const cancelled = await pac().cancel({
      issuerRfc: 'EKU9003173C9',
      uuid: first.uuid,
      reason: '01',
      substitute: replacement.uuid,
    });
    expect(cancelled.status).toBe('cancelled');
    const twice = pac().cancel({ issuerRfc: 'EKU9003173C9', uuid: first.uuid, reason: '02' });
    await expect(twice).rejects.toBeInstanceOf(PacRejectedError);
    await expect(twice).rejects.toMatchObject({ pacCode: '202' });
  });

  it('reads the PAC account from a secret of either shape, and refuses any other', () => {
    expect(credentialsOf('{"user":"u","password":"p"}', 's')).toEqual({ user: 'u', password: 'p' });
    expect(credentialsOf('{"token":"t"}', 's')).toEqual({ token: 't' });
    expect(() => credentialsOf('{"user":"u"}', 's')).toThrow(PacUnavailableError);
    expect(() => credentialsOf('user=u', 's')).toThrow(/not JSON/);
  });
});
