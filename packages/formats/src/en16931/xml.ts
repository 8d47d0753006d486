import { escapeAttr, escapeText } from '../xml/canonical.ts';

/**
 * Element writers with one attribute, on top of the canonical string helpers (xml/canonical.ts):
 * UBL and CII are written as strings, which is an order of magnitude faster than building a DOM,
 * and the escaping is the same C14N escaping Facturae relies on.
 */
export function leafWith(
  name: string,
  attribute: string,
  attrValue: string,
  value: string,
): string {
  return `<${name} ${attribute}="${escapeAttr(attrValue)}">${escapeText(value)}</${name}>`;
}

/** A leaf only when the value is present and not blank. */
export function maybe(write: (value: string) => string, value: string | undefined): string {
  return value === undefined || value.trim() === '' ? '' : write(value);
}
