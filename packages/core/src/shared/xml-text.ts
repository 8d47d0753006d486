/**
 * The characters XML 1.0 cannot carry (its Char production): C0 controls other than TAB, LF and
 * CR, U+FFFE and U+FFFF, and unpaired surrogates. Not even as character references: `&#11;` is
 * as ill-formed as the character. The one definition that API validation, record generation
 * and every XML writer (Facturae, UBL, CII, VERI*FACTU) share. As a class for a `u` regular
 * expression, where the surrogate range matches only unpaired halves.
 */
export const XML_FORBIDDEN_CLASS = String.raw`\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF`;

const FIRST = new RegExp(`[${XML_FORBIDDEN_CLASS}]`, 'u');
const ALL = new RegExp(`[${XML_FORBIDDEN_CLASS}]`, 'gu');

/** The first character of `value` XML cannot carry, as `U+000B`; undefined when there is none. */
export function xmlForbiddenChar(value: string): string | undefined {
  const found = FIRST.exec(value)?.[0];
  return found === undefined
    ? undefined
    : `U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

export const isXmlText = (value: string): boolean => !FIRST.test(value);

/** `value` without the characters XML cannot carry, or with `replacement` for each. */
export const withoutXmlForbidden = (value: string, replacement = ''): string =>
  FIRST.test(value) ? value.replace(ALL, replacement) : value;
