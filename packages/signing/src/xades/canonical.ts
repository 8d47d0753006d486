/**
 * The few pieces of Canonical XML 1.0 (xml-c14n-20010315) the fast signing path needs to write
 * its own elements canonically and to place them in the document's namespace context.
 */

const HAS_TEXT_SPECIAL = /[&<>\r]/;
const TEXT_SPECIAL = /[&<>\r]/g;
const TEXT_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\r': '&#xD;',
};

/** C14N escaping of character data (the values we write are plain text from certificates). */
export function escapeText(value: string): string {
  return HAS_TEXT_SPECIAL.test(value)
    ? value.replace(TEXT_SPECIAL, (c) => TEXT_ENTITIES[c]!)
    : value;
}

/**
 * Prefix -> namespace URI as it appears in canonical attribute text (already escaped); '' is
 * the default namespace.
 */
export type Namespaces = ReadonlyMap<string, string>;

/**
 * The namespace declarations inclusive C14N writes on the apex of a document subset: every
 * namespace in scope there (an element's canonical form carries what it inherits), default first,
 * then by prefix.
 */
export function apexNamespaces(inScope: Namespaces): string {
  return [...inScope.entries()]
    .filter(([prefix, uri]) => prefix !== '' || uri !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([prefix, uri]) => ` ${prefix ? `xmlns:${prefix}` : 'xmlns'}="${uri}"`)
    .join('');
}

/** A start tag's attributes in canonical form: name="value" pairs, values without '"'. */
const ATTRIBUTE = /\s+([^\s=]+)="([^"]*)"/g;
const START_TAG = /^<([^\s>/]+)((?:\s+[^\s=]+="[^"]*")*)>/;

export interface RootElement {
  /** Qualified name, e.g. `fe:Facturae`. */
  name: string;
  /** Length of the start tag. */
  startTagLength: number;
  namespaces: Map<string, string>;
  /** Attributes other than namespace declarations. */
  attributes: Map<string, string>;
}

/** Reads the start tag of a canonical element (the document root). */
export function readStartTag(element: string): RootElement | undefined {
  const match = START_TAG.exec(element);
  if (!match) return undefined;
  const namespaces = new Map<string, string>();
  const attributes = new Map<string, string>();
  for (const [, name = '', value = ''] of match[2]!.matchAll(ATTRIBUTE)) {
    if (name === 'xmlns') namespaces.set('', value);
    else if (name.startsWith('xmlns:')) namespaces.set(name.slice(6), value);
    else attributes.set(name, value);
  }
  return { name: match[1]!, startTagLength: match[0].length, namespaces, attributes };
}
