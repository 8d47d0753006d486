import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../errors.ts';
import { type CsdContents, type CsdIdentity, CsdUnreadableError } from './csd-identity.ts';
import { csdForSealing, getCsd, putCsd } from './put-csd.ts';

const DER = (bits: number) =>
  new Uint8Array(
    generateKeyPairSync('rsa', { modulusLength: bits }).privateKey.export({
      format: 'der',
      type: 'pkcs8',
    }),
  );
const KEY_2048 = DER(2048);

function setup(overrides: Partial<CsdContents> = {}, now = '2026-12-07T12:00:00Z') {
  const stored = new Map<string, CsdIdentity>();
  const imported: Uint8Array[] = [];
  let opened: CsdContents | undefined;
  const deps = {
    csds: {
      get: async (t: string) => stored.get(t),
      put: async (t: string, i: CsdIdentity) => void stored.set(t, i),
    },
    tenants: { get: async () => ({ taxId: 'EKU9003173C9' }) },
    keys: {
      importRsaKey: async (_t: string, der: Uint8Array) => {
        imported.push(new Uint8Array(der));
        return { keyId: `arn:key/${imported.length}` };
      },
    },
    readCsd: () => {
      opened = {
        certificate: new Uint8Array([1, 2, 3]),
        privateKey: new Uint8Array(KEY_2048),
        noCertificado: '30001000000500003416',
        rfc: 'EKU9003173C9',
        legalName: 'ESCUELA KEMPER URGATE SA DE CV',
        validFrom: new Date('2023-05-18T11:43:51Z'),
        validTo: new Date('2027-05-18T11:43:51Z'),
        ...overrides,
      };
      return opened;
    },
    clock: { now: () => new Date(now) },
  };
  return { deps, stored, imported, opened: () => opened };
}

const input = { certificate: 'AQID', key: 'AAAA', password: 'x' };

describe('putCsd', () => {
  it('imports the key once, keeps the certificate, zeroes the key and gives sealing what it needs', async () => {
    const { deps, imported, opened } = setup();
    const identity = await putCsd(deps)('t1', input);
    expect(identity).toEqual({
      keyId: 'arn:key/1',
      certificateNumber: '30001000000500003416',
      certificateBase64: 'AQID',
      rfc: 'EKU9003173C9',
      name: 'ESCUELA KEMPER URGATE SA DE CV',
      validFrom: '2023-05-18T11:43:51.000Z',
      validTo: '2027-05-18T11:43:51.000Z',
      importedAt: '2026-12-07T12:00:00.000Z',
    });
    expect(Buffer.from(imported[0]!).equals(Buffer.from(KEY_2048))).toBe(true);
    expect(opened()!.privateKey.every((b) => b === 0)).toBe(true);
    // A retried upload of the same CSD: no second key.
    expect(await putCsd(deps)('t1', input)).toEqual(identity);
    expect(imported).toHaveLength(1);
    expect(await getCsd(deps)('t1')).toEqual(identity);
    expect(await csdForSealing(deps)('t1')).toEqual({
      keyId: 'arn:key/1',
      certificateNumber: '30001000000500003416',
      certificateBase64: 'AQID',
      rfc: 'EKU9003173C9',
      validFrom: '2023-05-18T11:43:51.000Z',
      validTo: '2027-05-18T11:43:51.000Z',
    });
  });

  it('refuses an expired CSD, one not yet valid and an unsupported key size, importing nothing', async () => {
    const expired = setup({}, '2027-06-01T00:00:00Z');
    await expect(putCsd(expired.deps)('t1', input)).rejects.toMatchObject({
      errors: [{ path: 'certificate', message: expect.stringMatching(/expired/) }],
    });
    const early = setup({ validFrom: new Date('2027-01-01T00:00:00Z') });
    await expect(putCsd(early.deps)('t1', input)).rejects.toBeInstanceOf(ValidationError);
    const small = setup({ privateKey: DER(1024) });
    await expect(putCsd(small.deps)('t1', input)).rejects.toMatchObject({
      errors: [{ path: 'key' }],
    });
    expect([...expired.imported, ...early.imported, ...small.imported]).toEqual([]);
    expect(small.opened()!.privateKey.every((b) => b === 0)).toBe(true);
  });

  it('names the field a CSD cannot be read by, and says an e.firma is not a CSD', async () => {
    const { deps } = setup();
    const failing = (error: Error) => ({
      ...deps,
      readCsd: () => {
        throw error;
      },
    });
    await expect(
      putCsd(failing(new CsdUnreadableError('key', 'password', 'The password does not open it')))(
        't1',
        input,
      ),
    ).rejects.toMatchObject({ errors: [{ path: 'password' }] });
    await expect(
      putCsd(failing(new CsdUnreadableError('e-firma', 'certificate', 'FIEL')))('t1', input),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/e\.firma/),
      errors: [{ path: 'certificate' }],
    });
  });

  it("refuses another RFC's CSD as a conflict naming the certificate", async () => {
    const { deps, imported } = setup({ rfc: 'PRU010101AA6' });
    const put = putCsd(deps)('t1', input);
    await expect(put).rejects.toBeInstanceOf(ConflictError);
    await expect(put).rejects.toMatchObject({ errors: [{ path: 'certificate' }] });
    expect(imported).toEqual([]);
  });

  it('tells CFDI issuing that no CSD was uploaded', async () => {
    const { deps } = setup();
    await expect(csdForSealing(deps)('t2')).rejects.toBeInstanceOf(ConflictError);
  });
});
