/**
 * The invoice cannot be expressed as a valid Facturae 3.2.2 document (a missing number, an amount
 * with more decimals than the schema allows, an unknown country...). `path` names the offending
 * invoice field so the caller can point at it.
 */
export class FacturaeBuildError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'FacturaeBuildError';
  }
}
