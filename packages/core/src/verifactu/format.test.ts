import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { fecha, fechaHoraHuso, importe, numSerie, text } from './format.ts';

describe('fechaHoraHuso', () => {
  const madrid = (iso: string) => fechaHoraHuso(new Date(iso), 'Europe/Madrid');

  it('uses +01:00 in winter and +02:00 in summer in Madrid', () => {
    expect(madrid('2026-01-15T10:00:00Z')).toBe('2026-01-15T11:00:00+01:00');
    expect(madrid('2026-07-15T10:00:00Z')).toBe('2026-07-15T12:00:00+02:00');
  });

  it('switches offset exactly at the spring change (29 March 2026, 01:00 UTC)', () => {
    expect(madrid('2026-03-29T00:59:59Z')).toBe('2026-03-29T01:59:59+01:00');
    expect(madrid('2026-03-29T01:00:00Z')).toBe('2026-03-29T03:00:00+02:00');
  });

  it('tells the repeated autumn hour apart by its offset (25 October 2026)', () => {
    expect(madrid('2026-10-25T00:30:00Z')).toBe('2026-10-25T02:30:00+02:00');
    expect(madrid('2026-10-25T01:30:00Z')).toBe('2026-10-25T02:30:00+01:00');
  });

  it('works in other zones, including a negative offset and the day before in local time', () => {
    expect(fechaHoraHuso(new Date('2026-01-15T10:00:00Z'), 'Atlantic/Canary')).toBe(
      '2026-01-15T10:00:00+00:00',
    );
    expect(fechaHoraHuso(new Date('2026-01-01T03:00:00Z'), 'America/Mexico_City')).toBe(
      '2025-12-31T21:00:00-06:00',
    );
    expect(fechaHoraHuso(new Date('2026-01-15T10:00:00Z'), 'Asia/Kolkata')).toBe(
      '2026-01-15T15:30:00+05:30',
    );
  });

  it('drops milliseconds and writes midnight as 00', () => {
    expect(madrid('2025-12-31T23:00:00.999Z')).toBe('2026-01-01T00:00:00+01:00');
  });

  it('rejects an unknown zone and an invalid date', () => {
    expect(() => fechaHoraHuso(new Date(), 'Europe/Atlantis')).toThrow(ValidationError);
    expect(() => fechaHoraHuso(new Date('nope'), 'Europe/Madrid')).toThrow(ValidationError);
  });
});

describe('value formats', () => {
  it('writes dates DD-MM-YYYY', () => {
    expect(fecha('2026-03-05')).toBe('05-03-2026');
    expect(() => fecha('5/3/2026')).toThrow(ValidationError);
  });

  it('keeps model amounts as they are, except a negative zero', () => {
    expect(importe('1800.00', 'x')).toBe('1800.00');
    expect(importe('-52.30', 'x')).toBe('-52.30');
    expect(importe('-0.00', 'x')).toBe('0.00');
    expect(() => importe('1,5', 'x')).toThrow(ValidationError);
    expect(() => importe('1.005', 'x')).toThrow(ValidationError);
    expect(() => importe('1234567890123', 'x')).toThrow(ValidationError);
  });

  it('accepts invoice numbers AEAT accepts and nothing else', () => {
    expect(numSerie('12345678&G33')).toBe('12345678&G33');
    expect(() => numSerie(undefined)).toThrow(/no number/);
    expect(() => numSerie('A'.repeat(61))).toThrow(/60/);
    for (const bad of ['F"1', "F'1", 'F<1', 'F>1', 'F=1', 'FÑ1', 'F\t1']) {
      expect(() => numSerie(bad)).toThrow(ValidationError);
    }
  });

  it('cuts free text by characters, not bytes', () => {
    expect(text('  Ñandú  ', 120)).toBe('Ñandú');
    expect(text('ñ'.repeat(130), 120)).toBe('ñ'.repeat(120));
  });

  it('leaves out the characters XML cannot carry, which older data may hold', () => {
    expect(text('Revisión\u000b anual\u0000', 500)).toBe('Revisión anual');
    expect(text('Línea\t1\nLínea 2 🔥', 500)).toBe('Línea\t1\nLínea 2 🔥');
  });
});
