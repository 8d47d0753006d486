import { describe, expect, it } from 'vitest';
import { escapeAttr, escapeText, leaf, node, optionalLeaf } from './canonical.ts';

describe('escapeText', () => {
  it('leaves ordinary text (accents, quotes, tabs, newlines) alone', () => {
    const text = 'Política "v3.1" d\'ús\tcon\nsalto — ñ €';
    expect(escapeText(text)).toBe(text);
  });

  it('escapes &, <, > and CR as C14N renders text nodes', () => {
    expect(escapeText('a & b < c > d\r\n')).toBe('a &amp; b &lt; c &gt; d&#xD;\n');
  });

  it('drops characters XML 1.0 forbids, including unpaired surrogates', () => {
    expect(escapeText('a\u0000b\u0007c\u000Bd\uFFFEe\uD800f')).toBe('abcdef');
  });

  it('keeps characters outside the BMP (surrogate pairs)', () => {
    expect(escapeText('sello 🧾 & co')).toBe('sello 🧾 &amp; co');
  });
});

describe('escapeAttr', () => {
  it('escapes &, <, " and whitespace as character references, but not >', () => {
    expect(escapeAttr('a&b<c>"d\'\te\nf\rg')).toBe("a&amp;b&lt;c>&quot;d'&#x9;e&#xA;f&#xD;g");
  });
});

describe('elements', () => {
  it('writes start and end tags, also for empty elements', () => {
    expect(leaf('Name', '')).toBe('<Name></Name>');
    expect(leaf('Name', 'A&B')).toBe('<Name>A&amp;B</Name>');
    expect(node('Tax', '<A>1</A>')).toBe('<Tax><A>1</A></Tax>');
  });

  it('skips optional leaves without a value', () => {
    expect(optionalLeaf('X', undefined)).toBe('');
    expect(optionalLeaf('X', '  ')).toBe('');
    expect(optionalLeaf('X', 'y')).toBe('<X>y</X>');
  });
});
