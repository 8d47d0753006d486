import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import {
  checkWebhookUrl,
  type HostResolver,
  isPublicAddress,
  LOCAL_URL_POLICY,
  PRODUCTION_URL_POLICY,
} from './url-guard.ts';

/** A resolver with fixed answers; names it does not know do not resolve. */
const dns =
  (answers: Record<string, string[]>): HostResolver =>
  async (host) => {
    const found = answers[host];
    if (!found)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found;
  };
const resolver = dns({
  'erp.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'rebind.example.com': ['93.184.215.14', '10.0.0.7'],
  'metadata.example.com': ['169.254.169.254'],
  'v6local.example.com': ['fd00:ec2::254'],
});

const refusal = async (url: string, policy = PRODUCTION_URL_POLICY) => {
  const error = await checkWebhookUrl(url, policy, resolver).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, url).toBeInstanceOf(ValidationError);
  const { errors } = error as ValidationError;
  expect(errors).toHaveLength(1);
  expect(errors[0]!.path).toBe('url');
  return errors[0]!.message;
};

describe('isPublicAddress', () => {
  it.each([
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '127.0.0.1',
    '127.8.8.8',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '198.18.0.1',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd00:ec2::254',
    'ff02::1',
    '::ffff:10.0.0.1',
    '::ffff:7f00:1',
    '64:ff9b::a00:1',
    '2001:db8::1',
    'not-an-ip',
    '',
  ])('%s is not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '172.32.0.1',
    '172.15.255.255',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
  ])('%s is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe('checkWebhookUrl in production mode', () => {
  it('accepts https to a public host and returns the URL normalised', async () => {
    await expect(
      checkWebhookUrl(
        'HTTPS://ERP.Example.com:8443/hooks/sello?x=1',
        PRODUCTION_URL_POLICY,
        resolver,
      ),
    ).resolves.toBe('https://erp.example.com:8443/hooks/sello?x=1');
    await expect(
      checkWebhookUrl('https://8.8.8.8/hook', PRODUCTION_URL_POLICY, resolver),
    ).resolves.toBe('https://8.8.8.8/hook');
  });

  it('accepts a name that does not resolve yet (delivery checks again)', async () => {
    await expect(
      checkWebhookUrl('https://new.example.org/hook', PRODUCTION_URL_POLICY, resolver),
    ).resolves.toBe('https://new.example.org/hook');
  });

  it('refuses http, even to localhost, and other schemes', async () => {
    expect(await refusal('http://erp.example.com/hook')).toBe('Use an https URL');
    expect(await refusal('http://localhost:8080/hook')).toBe('Use an https URL');
    expect(await refusal('ftp://erp.example.com/hook')).toBe('Use an https URL');
  });

  it('refuses what is not a URL, credentials and fragments', async () => {
    expect(await refusal('erp.example.com/hook')).toBe('Not an absolute URL');
    expect(await refusal('https://user:pw@erp.example.com/hook')).toBe(
      'Must not carry a user name or password',
    );
    expect(await refusal('https://erp.example.com/hook#x')).toBe('Must not have a #fragment');
  });

  it('refuses private, loopback and link-local IP literals in any spelling', async () => {
    expect(await refusal('https://169.254.169.254/latest/meta-data')).toBe(
      '169.254.169.254 is not a public address',
    );
    expect(await refusal('https://10.0.0.1/')).toBe('10.0.0.1 is not a public address');
    // WHATWG URL parsing turns these into 127.0.0.1 before we look.
    expect(await refusal('https://2130706433/')).toBe('127.0.0.1 is not a public address');
    expect(await refusal('https://0x7f.1/')).toBe('127.0.0.1 is not a public address');
    expect(await refusal('https://[::1]/')).toBe('::1 is not a public address');
    expect(await refusal('https://[::ffff:192.168.0.1]/')).toBe(
      '::ffff:c0a8:1 is not a public address',
    );
  });

  it('refuses localhost names and names resolving to any non-public address', async () => {
    expect(await refusal('https://localhost/')).toBe('localhost is not a public host');
    expect(await refusal('https://api.localhost/')).toBe('api.localhost is not a public host');
    expect(await refusal('https://metadata.example.com/')).toBe(
      'metadata.example.com resolves to 169.254.169.254, which is not a public address',
    );
    expect(await refusal('https://rebind.example.com/')).toBe(
      'rebind.example.com resolves to 10.0.0.7, which is not a public address',
    );
    expect(await refusal('https://v6local.example.com/')).toBe(
      'v6local.example.com resolves to fd00:ec2::254, which is not a public address',
    );
  });
});

describe('checkWebhookUrl in local mode', () => {
  it('allows http to loopback only, and does not check addresses', async () => {
    for (const url of [
      'http://127.0.0.1:4567/hook',
      'http://localhost:4567/hook',
      'http://[::1]:4567/hook',
      'https://10.0.0.1/hook',
    ]) {
      await expect(checkWebhookUrl(url, LOCAL_URL_POLICY, resolver)).resolves.toBe(url);
    }
    expect(await refusal('http://erp.example.com/hook', LOCAL_URL_POLICY)).toBe('Use an https URL');
    expect(await refusal('http://192.168.1.10/hook', LOCAL_URL_POLICY)).toBe('Use an https URL');
  });
});
