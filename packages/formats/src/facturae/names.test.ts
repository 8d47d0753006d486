import { describe, expect, it } from 'vitest';
import { splitPersonName } from './names.ts';

describe('splitPersonName', () => {
  it.each([
    [
      'María José García López',
      { name: 'María José', firstSurname: 'García', secondSurname: 'López' },
    ],
    ['Juan Pérez', { name: 'Juan', firstSurname: 'Pérez' }],
    [
      'Lucía Fernández de la Torre',
      { name: 'Lucía', firstSurname: 'Fernández', secondSurname: 'de la Torre' },
    ],
    [
      'Juan de la Fuente Martín',
      { name: 'Juan', firstSurname: 'de la Fuente', secondSurname: 'Martín' },
    ],
    ['Ana del Río', { name: 'Ana', firstSurname: 'del Río' }],
    [
      'García López, María José',
      { name: 'María José', firstSurname: 'García', secondSurname: 'López' },
    ],
    [
      '  Pedro   Sánchez   Castejón ',
      { name: 'Pedro', firstSurname: 'Sánchez', secondSurname: 'Castejón' },
    ],
    ['Cher', { name: 'Cher', firstSurname: '' }],
  ])('Spanish resident: %s', (full, parts) => {
    expect(splitPersonName(full, true)).toEqual(parts);
  });

  it('gives foreign names one surname', () => {
    expect(splitPersonName('Anna Maria Schmidt', false)).toEqual({
      name: 'Anna Maria',
      firstSurname: 'Schmidt',
    });
    expect(splitPersonName('Giulia Rossi', false)).toEqual({
      name: 'Giulia',
      firstSurname: 'Rossi',
    });
  });
});
