import { XML_FORBIDDEN_CLASS } from '@sello/core/shared';

/**
 * A tiny writer whose output is already in Canonical XML 1.0 form (W3C xml-c14n-20010315): no
 * self-closing tags, double-quoted attributes, and exactly C14N's character escaping. The signer
 * digests these bytes as they are, so re-parsing and canonicalising (the slow path, DESIGN §7) is
 * never needed for documents we write ourselves.
 */

/**
 * Characters XML 1.0 forbids (core's one definition: C0 controls other than TAB/LF/CR,
 * U+FFFE/U+FFFF, lone surrogates): a parser would reject the document, so they are dropped.
 * The API refuses them in the first place; text stored before it did still makes a document.
 */
const FORBIDDEN_CLASS = XML_FORBIDDEN_CLASS;
const FORBIDDEN = new RegExp(`[${FORBIDDEN_CLASS}]`, 'gu');
const TEXT_SPECIAL = /[&<>\r]/g;
const ATTR_SPECIAL = /[&<"\t\n\r]/g;
const NEEDS_TEXT_WORK = new RegExp(`[&<>\\r${FORBIDDEN_CLASS}]`, 'u');
const NEEDS_ATTR_WORK = new RegExp(`[&<"\\t\\n\\r${FORBIDDEN_CLASS}]`, 'u');

const TEXT_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\r': '&#xD;',
};
const ATTR_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '"': '&quot;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
};

/** Escapes character data as C14N renders a text node. */
export function escapeText(value: string): string {
  // Most invoice text needs no escaping; one test is cheaper than two replaces.
  if (!NEEDS_TEXT_WORK.test(value)) return value;
  return value.replace(FORBIDDEN, '').replace(TEXT_SPECIAL, (c) => TEXT_ENTITIES[c]!);
}

/** Escapes an attribute value as C14N renders it (whitespace as character references). */
export function escapeAttr(value: string): string {
  if (!NEEDS_ATTR_WORK.test(value)) return value;
  return value.replace(FORBIDDEN, '').replace(ATTR_SPECIAL, (c) => ATTR_ENTITIES[c]!);
}

/** `<name>text</name>`; an empty value still gets start and end tags, as C14N writes it. */
export function leaf(name: string, value: string): string {
  return `<${name}>${escapeText(value)}</${name}>`;
}

/** `<name>children</name>` where `children` is already canonical markup. */
export function node(name: string, children: string): string {
  return `<${name}>${children}</${name}>`;
}

/** A leaf only when the value is present and not blank. */
export function optionalLeaf(name: string, value: string | undefined): string {
  return value === undefined || value.trim() === '' ? '' : leaf(name, value);
}
