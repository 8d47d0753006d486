import { UnreadableDocumentError } from '@sello/core/documents';
import { describe, expect, it } from 'vitest';
import { at, decodeXml, parseWithXmldom, parseXml, textAt, type XmlElement } from './xml.ts';

const refused = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UnreadableDocumentError);
    return error as UnreadableDocumentError;
  }
  throw new Error('expected the input to be refused');
};

/** A comparable view of a tree: names, attributes and text, recursively. */
const shape = (e: XmlElement): unknown => ({
  name: `{${e.ns}}${e.local}`,
  attrs: Object.fromEntries(e.attrs),
  text: e.text,
  children: e.children.map(shape),
});

describe('parseXml', () => {
  it('resolves namespaces, prefixes, default namespaces and their undeclaration', () => {
    const root = parseXml(
      '<?xml version="1.0"?>\n<!-- lead --><a:r xmlns:a="urn:a" xmlns="urn:d"><a:x>1</a:x><y/><z xmlns=""><w/></z></a:r>',
    );
    expect(shape(root)).toEqual({
      name: '{urn:a}r',
      attrs: { 'xmlns:a': 'urn:a', xmlns: 'urn:d' },
      text: '',
      children: [
        { name: '{urn:a}x', attrs: {}, text: '1', children: [] },
        { name: '{urn:d}y', attrs: {}, text: '', children: [] },
        {
          name: '{}z',
          attrs: { xmlns: '' },
          text: '',
          children: [{ name: '{}w', attrs: {}, text: '', children: [] }],
        },
      ],
    });
  });

  it('resolves the predefined and numeric references, CDATA and attribute quoting', () => {
    const root = parseXml(
      `<r a='x &amp; "y"' b="&#x41;&#66;&lt;"><t>1 &lt; 2 &amp;&amp; &#241;<![CDATA[<&>]]><!-- c -->!</t></r>`,
    );
    expect(root.attrs.get('a')).toBe('x & "y"');
    expect(root.attrs.get('b')).toBe('AB<');
    expect(textAt(root, ['', 't'])).toBe('1 < 2 && ñ<&>!');
  });

  it('normalizes literal whitespace in attributes but keeps what a reference writes (XML 1.0 §3.3.3)', () => {
    const xml = '<r a="x\ty\r\nz\n" b="x&#x9;y&#xD;&#xA;z&#10;"/>';
    const root = parseXml(xml);
    expect(root.attrs.get('a')).toBe('x y z ');
    expect(root.attrs.get('b')).toBe('x\ty\r\nz\n');
    expect(shape(root)).toEqual(shape(parseWithXmldom(xml)));
  });

  it('agrees with xmldom on a real invoice', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><fe:Facturae xmlns:fe="urn:f" xmlns:ds="urn:ds"><A x="1"> <B>Calle &amp; 3</B></A><ds:S Id="s"><ds:V>abc</ds:V></ds:S></fe:Facturae>';
    expect(shape(parseXml(xml))).toEqual(shape(parseWithXmldom(xml)));
  });

  it.each([
    ['a DOCTYPE', '<!DOCTYPE r><r/>', 'doctype'],
    ['an ENTITY declaration inside the root', '<r><!ENTITY x "y"></r>', 'doctype'],
    ['a DOCTYPE after the root', '<r/><!DOCTYPE r>', 'doctype'],
    ['an undeclared entity', '<r>&nbsp;</r>', 'not-xml'],
    ['a reference named like a prototype member', '<r>&constructor;</r>', 'not-xml'],
    ['a bare ampersand', '<r>a & b</r>', 'not-xml'],
    ['a reference to NUL', '<r>&#0;</r>', 'not-xml'],
    ['mismatched tags', '<r><a></r></a>', 'not-xml'],
    ['an unclosed element', '<r><a></a>', 'not-xml'],
    ['two roots', '<r/><s/>', 'not-xml'],
    ['text outside the root', 'hello <r/>', 'not-xml'],
    ['no root at all', '<?xml version="1.0"?><!-- nothing -->', 'not-xml'],
    ['an unbound prefix', '<p:r/>', 'not-xml'],
    ['an unbound attribute prefix', '<r p:a="1"/>', 'not-xml'],
    ['a duplicate attribute', '<r a="1" a="2"/>', 'not-xml'],
    ['an unquoted attribute', '<r a=1/>', 'not-xml'],
    ['< in an attribute', '<r a="<"/>', 'not-xml'],
    ['a late XML declaration', '<r/><?xml version="1.0"?>', 'not-xml'],
    ['JSON', '{"invoice": 1}', 'not-xml'],
    ['nesting 300 deep', `${'<a>'.repeat(300)}${'</a>'.repeat(300)}`, 'not-xml'],
  ])('refuses %s', (_name, xml, reason) => {
    expect(refused(() => parseXml(xml)).reason).toBe(reason);
  });

  it('keeps reading past a comment that mentions a DOCTYPE', () => {
    expect(at(parseXml('<!-- <!DOCTYPE x> --><r><a/></r>'), ['', 'a'])).toBeDefined();
  });
});

describe('decodeXml', () => {
  it('decodes ISO-8859-1 by its declaration and strips a BOM', () => {
    const latin1 = Uint8Array.from([
      ...Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><r>Espa'),
      0xf1,
      ...Buffer.from('a</r>'),
    ]);
    expect(decodeXml(latin1, 1000)).toBe(
      '<?xml version="1.0" encoding="ISO-8859-1"?><r>España</r>',
    );
    expect(decodeXml(Uint8Array.from([0xef, 0xbb, 0xbf, 0x3c, 0x72, 0x2f, 0x3e]), 1000)).toBe(
      '<r/>',
    );
    expect(decodeXml(Buffer.from('\ufeff<r/>', 'utf16le'), 1000)).toBe('<r/>');
  });

  it('refuses bytes that are not what they claim, unknown encodings, empty and large bodies', () => {
    expect(
      refused(() => decodeXml(Uint8Array.from([0x3c, 0x72, 0x3e, 0xf1, 0x3c]), 99)).reason,
    ).toBe('encoding');
    expect(
      refused(() => decodeXml(Buffer.from('<?xml version="1.0" encoding="EBCDIC"?><r/>'), 99))
        .reason,
    ).toBe('encoding');
    expect(refused(() => decodeXml(' \n ', 99)).reason).toBe('empty');
    const tooLarge = refused(() => decodeXml('x'.repeat(101), 100));
    expect(tooLarge.reason).toBe('too-large');
    expect(tooLarge.errors).toEqual([
      { path: 'body', message: 'The document is 101 bytes; the limit is 100 bytes' },
    ]);
  });
});
