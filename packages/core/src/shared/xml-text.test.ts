import { describe, expect, it } from 'vitest';
import { isXmlText, withoutXmlForbidden, xmlForbiddenChar } from './xml-text.ts';

describe('text XML 1.0 can carry', () => {
  it.each([
    ['\u0000', 'U+0000'],
    ['\u0008', 'U+0008'],
    ['\u000b', 'U+000B'],
    ['\u000c', 'U+000C'],
    ['\u001f', 'U+001F'],
    ['\ufffe', 'U+FFFE'],
    ['\uffff', 'U+FFFF'],
    ['\ud800', 'U+D800'],
    ['\udc00', 'U+DC00'],
  ])('refuses %j, named %s', (char, name) => {
    const text = `Revisión${char}anual`;
    expect(isXmlText(text)).toBe(false);
    expect(xmlForbiddenChar(text)).toBe(name);
    expect(withoutXmlForbidden(text)).toBe('Revisiónanual');
  });

  it('takes tabs, line breaks, non-ASCII and characters beyond the BMP', () => {
    const text = 'Línea\t1\r\n«Caldera» 🔥 \u00a0\u2028\ue000\ufffd';
    expect(isXmlText(text)).toBe(true);
    expect(xmlForbiddenChar(text)).toBeUndefined();
    expect(withoutXmlForbidden(text)).toBe(text);
  });

  it('answers the same on repeated calls (no regular-expression state carried over)', () => {
    for (let i = 0; i < 3; i++) expect(isXmlText('a\u000bb')).toBe(false);
  });
});
