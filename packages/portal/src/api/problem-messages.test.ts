import { CustomerPatch, ProductInput, SeriesInput, SettingsPatch } from '@sello/contracts';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { zodProblems } from '../forms/values.ts';
import { commonMessages } from '../i18n/messages/common.ts';
import { es } from '../i18n/messages/es.ts';
import {
  localizeIssues,
  problemFields,
  problemMessage,
  zodIssueMessage,
} from './problem-messages.ts';

const t = i18next.t;
const problem = (code: string, extra: object = {}) => ({
  type: `urn:sello:problem:${code}`,
  title: 'English title',
  status: 400,
  detail: 'English detail',
  ...extra,
});

beforeAll(async () => {
  await i18next.init({
    lng: 'es',
    resources: { es: { translation: { ...es, ...commonMessages.es } } },
    interpolation: { escapeValue: false },
  });
  z.config({ customError: (issue) => zodIssueMessage(issue) });
});

describe("the API's problems in the portal's words", () => {
  it('words the generic kinds, with the correlation id of an internal error', () => {
    expect(problemMessage(problem('not-found'), t)).toBe('No existe o ya no está disponible.');
    expect(problemMessage(problem('precondition-failed'), t)).toMatch(/^Alguien lo ha cambiado/);
    expect(problemMessage(problem('internal', { correlationId: 'c-123' }), t)).toMatch(
      /da este código al soporte: c-123\.$/,
    );
  });

  it("keeps the API's detail where only the API knows what went wrong", () => {
    for (const code of ['conflict', 'validation-error', 'unprocessable', 'forbidden'])
      expect(problemMessage(problem(code), t)).toBe('English detail');
    expect(problemMessage({ ...problem('conflict'), detail: undefined }, t)).toBe('English title');
    expect(problemMessage({ ...problem('x'), type: 'about:blank' }, t)).toBe('English detail');
  });

  it("words the role check's refusal, and keeps other field errors as the API gives them", () => {
    const refused = problem('forbidden', {
      errors: [{ path: 'authorization', message: 'Needs one of the roles: owner' }],
    });
    expect(problemMessage(refused, t)).toBe('Tu rol no permite hacer esto.');
    expect(problemFields(refused, t)).toEqual([
      { path: 'body', message: 'Tu rol no permite hacer esto.' },
    ]);
    const taxId = { path: 'taxId', message: 'NIF 12345678A has control letter A; expected Z' };
    expect(problemFields(problem('validation-error', { errors: [taxId] }), t)).toEqual([taxId]);
    expect(problemFields(undefined, t)).toEqual([]);
  });
});

describe("zod's issues of the contracts' schemas in the portal's words", () => {
  const problemsOf = (schema: z.ZodType, body: Record<string, unknown>) => {
    const result = schema.safeParse(body);
    if (result.success) throw new Error('expected issues');
    return zodProblems(localizeIssues(result.error, t), body, t('form.required'));
  };

  it('words limits, patterns and refinements, not in English', () => {
    expect(
      problemsOf(ProductInput, {
        code: 'A B',
        description: 'Hora\u0001 de trabajo',
        unitPrice: '12,50',
        taxes: [{ type: 'IVA', rate: '21' }],
        unit: 'x'.repeat(21),
      }),
    ).toEqual([
      { path: 'code', message: 'Solo letras, cifras y . - / _' },
      {
        path: 'description',
        message: 'Contiene un carácter invisible (de control) que las facturas no admiten.',
      },
      { path: 'unitPrice', message: 'Un número con hasta 6 decimales, con punto: 12.50.' },
      { path: 'unit', message: 'Como máximo, 20 caracteres.' },
    ]);
    expect(problemsOf(CustomerPatch, { address: { country: 'es' } })).toContainEqual({
      path: 'address.country',
      message: 'Dos letras en mayúsculas, como ES o MX.',
    });
    expect(
      problemsOf(SettingsPatch, { payment: { bic: 'CAIX' }, branding: { accentColor: 'red' } }),
    ).toEqual([
      { path: 'payment.bic', message: 'No es un BIC (8 u 11 caracteres).' },
      { path: 'branding.accentColor', message: 'Un color como #RRGGBB, por ejemplo #1F6FEB.' },
    ]);
    expect(problemsOf(SeriesInput, { code: 'f 1', name: 'Facturas' })).toContainEqual({
      path: 'code',
      message: 'Solo mayúsculas, cifras y guiones.',
    });
    expect(problemsOf(CustomerPatch, {})).toEqual([
      { path: 'body', message: 'No has cambiado nada.' },
    ]);
  });

  it('words what zod itself checks', () => {
    const schema = z.object({
      email: z.email(),
      name: z.string().trim().min(1),
      kind: z.enum(['a', 'b']),
      n: z.number().max(3),
    });
    expect(problemsOf(schema, { email: 'x', name: ' ', kind: 'c', n: 5 })).toEqual([
      { path: 'email', message: 'No es una dirección de correo válida.' },
      { path: 'name', message: 'Obligatorio.' },
      { path: 'kind', message: 'Elige una de las opciones.' },
      { path: 'n', message: 'Como máximo, 3.' },
    ]);
  });
});
