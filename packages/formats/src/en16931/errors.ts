/**
 * The invoice cannot be written as an EN 16931 document (UBL or CII): it has no number yet, an
 * amount has more decimals than the tax engine ever writes, a tax combination has no EN 16931
 * category... `path` names the offending invoice field so the caller can point at it.
 */
export class En16931BuildError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'En16931BuildError';
  }
}
