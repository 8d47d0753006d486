import { describe, expect, it } from 'vitest';
import { settingsMessages } from './messages.ts';
import { taxIdCheckMessage } from './tax-id-check.ts';

const REASONS = [
  'holder-mismatch',
  'untrusted-issuer',
  'expired',
  'not-yet-valid',
  'not-for-signing',
] as const;

describe('what the signing certificate page says about the tax id', () => {
  it('has a sentence in every language for a proof and for each reason the API gives', () => {
    const keys = [
      'proves',
      ...REASONS.map((reason) => taxIdCheckMessage({ proves: false, reason })),
    ];
    expect(new Set(keys).size).toBe(REASONS.length + 1);
    for (const [language, catalog] of Object.entries(settingsMessages)) {
      const messages = catalog.taxIdCheck;
      for (const key of keys) {
        const text = key.split('.').reduce<unknown>((at, part) => (at as never)?.[part], messages);
        expect(typeof text, `${language}: settings.taxIdCheck.${key}`).toBe('string');
      }
    }
  });
});
