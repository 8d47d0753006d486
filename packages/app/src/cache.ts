/**
 * A per-container cache of `load`, `ttlMs` long. Concurrent misses share one read; failures and
 * `undefined` (not found) are not kept.
 */
export function cachedFor<V>(ttlMs: number, load: (key: string) => Promise<V>) {
  const entries = new Map<string, { value: Promise<V>; until: number }>();
  const get = (key: string): Promise<V> => {
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && hit.until > now) return hit.value;
    const value = load(key);
    entries.set(key, { value, until: now + ttlMs });
    const drop = () => {
      if (entries.get(key)?.value === value) entries.delete(key);
    };
    value.then((v) => {
      if (v === undefined) drop();
    }, drop);
    return value;
  };
  return { get, forget: (key: string) => void entries.delete(key) };
}
