import { describe, expect, it } from 'vitest';
import { apexNamespaces, escapeText, readStartTag } from './canonical.ts';

describe('canonical helpers', () => {
  it('renders in-scope namespaces as C14N does on a subset apex: default first, then by prefix', () => {
    const inScope = new Map([
      ['xades', 'http://uri.etsi.org/01903/v1.3.2#'],
      ['', 'urn:default'],
      ['ds', 'http://www.w3.org/2000/09/xmldsig#'],
      ['fe', 'urn:fe'],
    ]);
    expect(apexNamespaces(inScope)).toBe(
      ' xmlns="urn:default" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:fe="urn:fe"' +
        ' xmlns:xades="http://uri.etsi.org/01903/v1.3.2#"',
    );
    // An empty default namespace is no namespace node and is not rendered.
    expect(apexNamespaces(new Map([['', '']]))).toBe('');
  });

  it('reads the namespaces and attributes of a canonical start tag', () => {
    const tag = readStartTag(
      '<fe:Facturae xmlns:ds="urn:ds" xmlns:fe="urn:fe" a="1>2"><x></x></fe:Facturae>',
    );
    expect(tag).toEqual({
      name: 'fe:Facturae',
      startTagLength: '<fe:Facturae xmlns:ds="urn:ds" xmlns:fe="urn:fe" a="1>2">'.length,
      namespaces: new Map([
        ['ds', 'urn:ds'],
        ['fe', 'urn:fe'],
      ]),
      attributes: new Map([['a', '1>2']]),
    });
    expect(readStartTag("<a b='1'>")).toBeUndefined();
    expect(readStartTag('<a/>')).toBeUndefined();
  });

  it('escapes certificate text as C14N text', () => {
    expect(escapeText('CN=A & B <x>\r')).toBe('CN=A &amp; B &lt;x&gt;&#xD;');
    expect(escapeText('CN=Plain')).toBe('CN=Plain');
  });
});
