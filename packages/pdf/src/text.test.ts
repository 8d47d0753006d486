import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { textWidth, toWinAnsi, WIN_ANSI_CHARACTERS, winAnsiHex, wrap, wrapText } from './text.ts';

describe('WinAnsi', () => {
  it('is exactly the character set pdf-lib gives Helvetica, with the same byte codes', async () => {
    const doc = await PDFDocument.create();
    const font = doc.embedStandardFont(StandardFonts.Helvetica);
    const theirs = font.getCharacterSet().map((c) => String.fromCodePoint(c));
    expect([...WIN_ANSI_CHARACTERS].sort()).toEqual([...theirs].sort());
    for (const ch of WIN_ANSI_CHARACTERS) {
      expect(winAnsiHex(ch).toUpperCase()).toBe(font.encodeText(ch).asString());
    }
  });

  it('keeps Spanish and Catalan text and the euro sign as they are', () => {
    const s = 'García Núñez, Pàgina, Col·legi, cigüeña, ¿Qué? ¡Sí! 1.º 2.ª Ç ï ò è à — 12,50 €';
    expect(toWinAnsi(s)).toBe(s);
  });

  it('composes decomposed accents instead of dropping them', () => {
    expect(toWinAnsi('Garci\u0301a')).toBe('García');
  });

  it('replaces what a standard font cannot draw, one "?" per visible character', () => {
    expect(toWinAnsi('株式会社')).toBe('????');
    expect(toWinAnsi('Hola 🌸!')).toBe('Hola ?!');
    expect(toWinAnsi('👨‍👩‍👧 family')).toBe('? family');
    expect(toWinAnsi('Łódź Győr')).toBe('Lódz Gyor');
    expect(toWinAnsi('coŀlegi')).toBe('col·legi');
    expect(toWinAnsi('a\tb')).toBe('a b');
    expect(toWinAnsi('x\u200By')).toBe('xy');
  });

  it('hex-encodes the euro sign and accented letters as their cp1252 bytes', () => {
    expect(winAnsiHex('€')).toBe('80');
    expect(winAnsiHex('ñ')).toBe('f1');
    expect(winAnsiHex('·')).toBe('b7');
  });
});

describe('wrap', () => {
  it('measures without kerning, as the text is drawn', () => {
    const separate = textWidth('A', 'regular', 10) + textWidth('V', 'regular', 10);
    expect(textWidth('AV', 'regular', 10)).toBe(separate);
    expect(textWidth('€', 'regular', 1000)).toBe(556);
  });

  it('breaks at spaces and keeps every word', () => {
    const text = 'Diagnóstico y reparación del sistema de inyección electrónica del motor';
    const lines = wrap(text, 'regular', 9, 100);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(text);
    for (const line of lines) expect(textWidth(line, 'regular', 9)).toBeLessThanOrEqual(100);
  });

  it('cuts a word longer than the line', () => {
    const lines = wrap('ES91210004184502000513321234567890', 'regular', 9, 50);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join('')).toBe('ES91210004184502000513321234567890');
  });

  it('keeps explicit line breaks and blank lines', () => {
    expect(wrapText('uno\n\ndos\r\ntres', 'regular', 9, 500)).toEqual(['uno', '', 'dos', 'tres']);
  });
});
