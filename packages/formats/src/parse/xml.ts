import { UnreadableDocumentError } from '@sello/core/documents';
import { DOMParser, type Element as DomElement } from '@xmldom/xmldom';

/** What a body may weigh by default: far above any invoice without embedded attachments. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** Invoices nest a dozen levels; anything this deep is not one. */
const MAX_DEPTH = 256;

/**
 * An element as the readers see it: its expanded name, attributes as written, child elements,
 * and its own character data (text and CDATA directly inside it, comments dropped).
 */
export interface XmlElement {
  ns: string;
  local: string;
  attrs: ReadonlyMap<string, string>;
  children: XmlElement[];
  text: string;
}

const NO_ATTRS: ReadonlyMap<string, string> = new Map();
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

const unreadable = (message: string) =>
  new UnreadableDocumentError('not-xml', `The body is not well-formed XML: ${message}`);

// ---------------------------------------------------------------------------------------------
// Bytes to text

const ascii = new TextDecoder('utf-8');

/**
 * The document as text. Bytes are decoded by their BOM or XML declaration (UTF-8, UTF-16 and
 * ISO-8859-1, which Spanish software still writes); anything else is refused rather than guessed.
 */
export function decodeXml(input: string | Uint8Array, maxBytes: number): string {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (size > maxBytes) {
    throw new UnreadableDocumentError(
      'too-large',
      `The document is ${size} bytes; the limit is ${maxBytes} bytes`,
    );
  }
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    const encoding = byteEncoding(input);
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(input);
    } catch (error) {
      throw new UnreadableDocumentError(
        'encoding',
        `The document's bytes are not valid ${encoding}: ${(error as Error).message}`,
      );
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new UnreadableDocumentError('empty', 'The document is empty');
  return text;
}

function byteEncoding(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // Without a BOM the declaration is ASCII in every encoding we accept.
  const head = ascii.decode(bytes.subarray(0, Math.min(bytes.length, 200)));
  const declared = /^<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  const name = (declared ?? 'utf-8').toLowerCase();
  if (name === 'utf-8' || name === 'utf8') return 'utf-8';
  if (['iso-8859-1', 'latin1', 'iso_8859-1', 'windows-1252', 'cp1252'].includes(name)) {
    return 'windows-1252';
  }
  throw new UnreadableDocumentError(
    'encoding',
    `Encoding ${declared} is not supported; send UTF-8, UTF-16 or ISO-8859-1`,
  );
}

// ---------------------------------------------------------------------------------------------
// Text to elements

const NAME =
  /[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*(?::[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*)?/y;
const SPACE = /[ \t\r\n]*/y;
// Maps, not object literals: a reference named like an Object.prototype member must not resolve.
const PREDEFINED: ReadonlyMap<string, string> = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

/** Character data with its references resolved: the five predefined entities and &#…; only. */
function resolveReferences(raw: string): string {
  let amp = raw.indexOf('&');
  if (amp < 0) return raw;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semi = raw.indexOf(';', amp);
    const ref = semi < 0 ? '' : raw.slice(amp + 1, semi);
    let value = PREDEFINED.get(ref);
    if (value === undefined) {
      const code = /^#x[0-9a-fA-F]{1,6}$/.test(ref)
        ? Number.parseInt(ref.slice(2), 16)
        : /^#[0-9]{1,7}$/.test(ref)
          ? Number.parseInt(ref.slice(1), 10)
          : -1;
      if (!isXmlChar(code)) {
        // Declared entities would need a DTD, which is refused: any other reference is an error.
        throw unreadable(`unknown or invalid reference &${ref.slice(0, 20)}${semi < 0 ? '' : ';'}`);
      }
      value = String.fromCodePoint(code);
    }
    out += raw.slice(from, amp) + value;
    from = semi + 1;
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}

const isXmlChar = (c: number) =>
  c === 0x9 ||
  c === 0xa ||
  c === 0xd ||
  (c >= 0x20 && c <= 0xd7ff) ||
  (c >= 0xe000 && c <= 0xfffd) ||
  (c >= 0x10000 && c <= 0x10ffff);

interface Frame {
  element: XmlElement;
  name: string;
  scope: ReadonlyMap<string, string>;
}

/**
 * A small non-validating XML 1.0 parser with namespaces, several times faster than xmldom on
 * invoices, and stricter where it matters: any `<!` other than a comment or CDATA (a DOCTYPE,
 * an ENTITY) is refused wherever it appears, so there is no DTD, no external entity (XXE) and
 * no entity expansion; only the predefined and numeric references are resolved. It reads a
 * string and nothing else: no file, no network. Mismatched tags, unbound prefixes, duplicate
 * attributes, stray text outside the root and over-deep nesting are errors.
 */
export function parseXml(text: string): XmlElement {
  const length = text.length;
  const stack: Frame[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  while (i < length) {
    const lt = text.indexOf('<', i);
    const end = lt < 0 ? length : lt;
    const top = stack[stack.length - 1];
    if (end > i) {
      if (top) top.element.text += resolveReferences(text.slice(i, end));
      else if (text.slice(i, end).trim() !== '') throw unreadable('text outside the root element');
    }
    if (lt < 0) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 47 /* / */) {
      const close = text.indexOf('>', lt);
      const name = close < 0 ? '' : text.slice(lt + 2, close).trimEnd();
      if (!top || name !== top.name) {
        throw unreadable(`end tag </${name.slice(0, 40)}> does not match the open element`);
      }
      stack.pop();
      i = close + 1;
    } else if (next === 33 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const close = text.indexOf('-->', lt + 4);
        if (close < 0) throw unreadable('unterminated comment');
        i = close + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const close = text.indexOf(']]>', lt + 9);
        if (close < 0 || !top) throw unreadable('CDATA outside the root element or unterminated');
        top.element.text += text.slice(lt + 9, close);
        i = close + 3;
      } else {
        throw new UnreadableDocumentError(
          'doctype',
          'The document has a DOCTYPE (or another declaration); DTDs and entities are not accepted',
        );
      }
    } else if (next === 63 /* ? */) {
      const close = text.indexOf('?>', lt + 2);
      if (close < 0) throw unreadable('unterminated processing instruction');
      if (/^xml[\s?]/i.test(text.slice(lt + 2, lt + 6)) && (root || text.slice(0, lt).trim())) {
        throw unreadable('the XML declaration must come first');
      }
      i = close + 2;
    } else {
      if (root && !top) throw unreadable('more than one root element');
      if (stack.length >= MAX_DEPTH) throw unreadable(`elements nested over ${MAX_DEPTH} deep`);
      const parsed = startTag(text, lt, top?.scope ?? BASE_SCOPE);
      if (top) top.element.children.push(parsed.element);
      else root = parsed.element;
      if (!parsed.selfClosing) {
        stack.push({ element: parsed.element, name: parsed.name, scope: parsed.scope });
      }
      i = parsed.end;
    }
  }
  if (stack.length) throw unreadable(`element <${stack[stack.length - 1]!.name}> is not closed`);
  if (!root) throw unreadable('no root element');
  return root;
}

const BASE_SCOPE: ReadonlyMap<string, string> = new Map([['xml', XML_NS]]);

function startTag(text: string, lt: number, parentScope: ReadonlyMap<string, string>) {
  NAME.lastIndex = lt + 1;
  const nameMatch = NAME.exec(text);
  if (!nameMatch) throw unreadable(`bad tag name at offset ${lt}`);
  const name = nameMatch[0];
  let i = NAME.lastIndex;
  let attrs: Map<string, string> | undefined;
  let selfClosing = false;
  for (;;) {
    SPACE.lastIndex = i;
    SPACE.exec(text);
    const spaced = SPACE.lastIndex > i;
    i = SPACE.lastIndex;
    const c = text.charCodeAt(i);
    if (c === 62 /* > */) {
      i++;
      break;
    }
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 62) {
      selfClosing = true;
      i += 2;
      break;
    }
    NAME.lastIndex = i;
    const attrMatch = spaced ? NAME.exec(text) : null;
    if (!attrMatch) throw unreadable(`bad attribute in <${name}>`);
    const attrName = attrMatch[0];
    SPACE.lastIndex = NAME.lastIndex;
    SPACE.exec(text);
    i = SPACE.lastIndex;
    if (text.charCodeAt(i) !== 61 /* = */) throw unreadable(`attribute ${attrName} has no value`);
    SPACE.lastIndex = i + 1;
    SPACE.exec(text);
    i = SPACE.lastIndex;
    const quote = text[i];
    if (quote !== '"' && quote !== "'") throw unreadable(`attribute ${attrName} is not quoted`);
    const close = text.indexOf(quote, i + 1);
    if (close < 0) throw unreadable(`attribute ${attrName} is not closed`);
    const raw = text.slice(i + 1, close);
    if (raw.includes('<')) throw unreadable(`attribute ${attrName} contains <`);
    attrs ??= new Map();
    if (attrs.has(attrName)) throw unreadable(`attribute ${attrName} appears twice`);
    // XML 1.0 §3.3.3: literal line ends and tabs become spaces (CRLF one space, after §2.11);
    // a character reference such as &#x9; keeps its character, which is how one is written.
    attrs.set(attrName, resolveReferences(raw.replace(/\r\n?|[\t\n]/g, ' ')));
    i = close + 1;
  }

  let scope = parentScope;
  let own: Map<string, string> | undefined;
  if (attrs) {
    for (const [key, value] of attrs) {
      if (key === 'xmlns' || key.startsWith('xmlns:')) {
        const prefix = key === 'xmlns' ? '' : key.slice(6);
        if ((prefix && !value) || value === XMLNS_NS || (prefix === 'xml') !== (value === XML_NS)) {
          throw unreadable(`bad namespace declaration ${key}="${value}"`);
        }
        own ??= new Map(parentScope);
        own.set(prefix, value);
        scope = own;
      }
    }
    for (const key of attrs.keys()) {
      const colon = key.indexOf(':');
      if (colon > 0 && key.slice(0, colon) !== 'xmlns' && !scope.has(key.slice(0, colon))) {
        throw unreadable(`attribute prefix ${key.slice(0, colon)} is not declared`);
      }
    }
  }
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const ns = scope.get(prefix);
  if (prefix && ns === undefined) throw unreadable(`prefix ${prefix} is not declared`);
  const element: XmlElement = {
    ns: ns ?? '',
    local: colon < 0 ? name : name.slice(colon + 1),
    attrs: attrs ?? NO_ATTRS,
    children: [],
    text: '',
  };
  return { element, name, scope, selfClosing, end: i };
}

/**
 * The same document through xmldom, the parser xml-crypto verifies signatures with, converted
 * to our elements: a signed document is read from exactly the tree whose digest was checked.
 * Only called on text parseXml accepted (so no DOCTYPE and bounded depth).
 */
export function parseWithXmldom(text: string): XmlElement {
  const problems: string[] = [];
  let root: DomElement | null = null;
  try {
    root = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') problems.push(message.split('\n')[0]!);
      },
    }).parseFromString(text, 'text/xml').documentElement;
  } catch {
    // xmldom reports through onError first, then throws on fatal errors.
  }
  if (problems.length || !root) throw unreadable(problems[0] ?? 'no root element');
  return fromDom(root);
}

function fromDom(dom: DomElement): XmlElement {
  const attrs = new Map<string, string>();
  for (let a = 0; a < dom.attributes.length; a++) {
    const attribute = dom.attributes.item(a)!;
    attrs.set(attribute.name, attribute.value);
  }
  const element: XmlElement = {
    ns: dom.namespaceURI ?? '',
    local: dom.localName ?? dom.nodeName,
    attrs,
    children: [],
    text: '',
  };
  for (let n = dom.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1) element.children.push(fromDom(n as DomElement));
    else if (n.nodeType === 3 || n.nodeType === 4) element.text += n.nodeValue ?? '';
  }
  return element;
}

// ---------------------------------------------------------------------------------------------
// Walking the tree: child elements by namespace and local name, never descendants, so a reader
// only ever sees the element its path names (a copy hidden elsewhere is never picked up).

/** [namespace URI ('' for none), local name] */
export type Step = readonly [string, string];

export function children(parent: XmlElement | undefined, step: Step): XmlElement[] {
  if (!parent) return [];
  return parent.children.filter((e) => e.local === step[1] && e.ns === step[0]);
}

export function child(parent: XmlElement | undefined, step: Step): XmlElement | undefined {
  return parent?.children.find((e) => e.local === step[1] && e.ns === step[0]);
}

export function at(from: XmlElement | undefined, ...steps: Step[]): XmlElement | undefined {
  let current = from;
  for (const step of steps) current = child(current, step);
  return current;
}

/** Trimmed text of the element; undefined when it is absent or empty. */
export function textOf(element: XmlElement | undefined): string | undefined {
  const value = element?.text.trim();
  return value ? value : undefined;
}

export const textAt = (from: XmlElement | undefined, ...steps: Step[]) =>
  textOf(at(from, ...steps));

export const attr = (element: XmlElement | undefined, name: string): string | undefined =>
  element?.attrs.get(name)?.trim() || undefined;

/** True when an element of that name is anywhere below `from`. */
export function contains(from: XmlElement, step: Step): boolean {
  const pending = [...from.children];
  for (let e = pending.pop(); e; e = pending.pop()) {
    if (e.local === step[1] && e.ns === step[0]) return true;
    pending.push(...e.children);
  }
  return false;
}

/** Upper case without separators, as ParsedParty.taxId promises. */
export const normalizeTaxId = (value: string | undefined): string =>
  (value ?? '')
    .normalize('NFC')
    .toUpperCase()
    .replace(/[\s./-]/g, '');

/** Drops keys whose value is undefined, so optional fields are absent rather than undefined. */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}
