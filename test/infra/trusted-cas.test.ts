import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENV, kebab, routeList } from '@sello/contracts';
import { type TestCertificate, testCa, testLeaf } from '@sello/signing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { TRUSTED_CAS_PEM_LIMIT } from '../../infra/config.ts';
import { CONTEXT, ofType, synthesize } from './support.ts';

type Built = ReturnType<typeof synthesize>;

/** The functions that check whether an uploaded certificate proves the tenant's tax id. */
const CHECKERS = ['putSigningCertificate', 'getSigningCertificate'];

const dir = mkdtempSync(join(tmpdir(), 'sello-trusted-cas-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `text` into a file of its own and answers its path (what the context names). */
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const environments = (built: Built) =>
  ofType(built.templates.functions, 'AWS::Lambda::Function').map(
    ([, fn]) =>
      [
        fn.Properties.FunctionName as string,
        (fn.Properties.Environment?.Variables ?? {}) as Record<string, unknown>,
      ] as const,
  );

describe("the operator's extra trusted CAs (context trustedCasPem)", () => {
  let ca: TestCertificate;
  let built: Built;
  beforeAll(() => {
    ca = testCa({ commonName: 'Operator Extra CA' });
    // Comments around the certificate, as a PEM bundle often has: they are dropped.
    const path = file('extra.pem', `# Operator Extra CA, added 2026-12-07\n\n${ca.pem}\n`);
    built = synthesize({ context: { trustedCasPem: path } });
  });

  it('reaches only the functions that check certificates, as the certificates alone', () => {
    const names = CHECKERS.map((id) => `sello-test-${kebab(id)}`);
    const holding = environments(built)
      .filter(([, env]) => ENV.trustedCasPem in env)
      .map(([name]) => name)
      .sort();
    expect(holding).toEqual([...names].sort());
    for (const [name, env] of environments(built)) {
      if (names.includes(name)) expect(env[ENV.trustedCasPem]).toBe(`${ca.pem.trim()}\n`);
    }
    // Both really are routes of the API (a renamed operation would leave the set silently empty).
    expect(routeList.map((r) => r.id)).toEqual(expect.arrayContaining(CHECKERS));
  });

  it('sets nothing when the context is absent', () => {
    const plain = synthesize();
    expect(environments(plain).filter(([, env]) => ENV.trustedCasPem in env)).toEqual([]);
  });
});

describe('trustedCasPem that cannot work fails the synth, saying why', () => {
  const build = (trustedCasPem: string) => () =>
    buildApp({
      bundling: false,
      cfnValidation: false,
      nag: false,
      context: { ...CONTEXT, trustedCasPem },
    });

  it('refuses a certificate that is not a CA', () => {
    const root = testCa();
    const leaf = testLeaf(root, { commonName: 'EMPRESA DE PRUEBA SL' });
    expect(build(file('leaf.pem', `${root.pem}\n${leaf.pem}`))).toThrow(
      /certificate 2 of .*leaf\.pem \(.*EMPRESA DE PRUEBA SL.*\) is not a CA certificate/,
    );
  });

  it('refuses more than a Lambda environment holds', () => {
    const many = Array.from({ length: 4 }, (_, i) => testCa({ commonName: `CA ${i}` }).pem);
    expect(many.join('\n').length).toBeGreaterThan(TRUSTED_CAS_PEM_LIMIT);
    expect(build(file('many.pem', many.join('\n')))).toThrow(
      /characters of certificates exceed the 3000 a Lambda environment can hold; add them to packages\/signing\/trusted-cas/,
    );
  });

  it('refuses a file without certificates, a broken one and a missing one', () => {
    expect(build(file('empty.pem', '# nothing yet\n'))).toThrow(/no certificate in .*empty\.pem/);
    const broken =
      '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n';
    expect(build(file('broken.pem', broken))).toThrow(
      /certificate 1 of .*broken\.pem is unreadable/,
    );
    expect(build(join(dir, 'absent.pem'))).toThrow(/cannot read .*absent\.pem/);
  });
});
