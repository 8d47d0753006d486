/**
 * Checks a secret's context and encodes it as AES-GCM additional data. Sorted entries give the
 * same bytes whatever the key order; JSON keeps `{ a: 'b,c' }` and `{ a: 'b', c: '' }` apart.
 */
export function secretContextAad(context: Record<string, string>): Buffer {
  const entries = Object.entries(context);
  // An empty context would let a sealed secret open anywhere, which defeats the binding.
  if (entries.length === 0) {
    throw new TypeError('A secret context needs at least one entry, e.g. { tenantId }');
  }
  for (const [key, value] of entries) {
    if (key === '' || typeof value !== 'string') {
      throw new TypeError(`Secret context entry ${JSON.stringify(key)} must be a string`);
    }
  }
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.from(JSON.stringify(['sello-secret/v1', entries]), 'utf8');
}
