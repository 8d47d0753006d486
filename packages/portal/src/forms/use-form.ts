import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as z from 'zod';
import { ApiError, problemToFields } from '../api/problem.ts';
import { localizeIssues, problemFields } from '../api/problem-messages.ts';
import { useErrorMessage } from '../ui/states.tsx';
import { formBody, zodProblems } from './values.ts';

/** zod, configured (CSP, language), in its own chunk: see validation.ts. */
export const loadValidation = () => import('./validation.ts');

/** A schema given as is, or loaded with the first edit or submit (keeps zod off the first load). */
export type SchemaSource<S> = S | { load: () => Promise<S> };

const resolveSchema = <S>(source: SchemaSource<S>): Promise<S> =>
  source !== null && typeof source === 'object' && 'load' in source
    ? (source as { load: () => Promise<S> }).load()
    : Promise.resolve(source as S);

/**
 * A form checked with the API's own zod schema before it is sent, and whose problem+json
 * answer is shown next to the fields it names. `fields` lists the form's field names (dotted
 * paths); errors naming none of them are shown above the form.
 */
export function useApiForm<S extends z.ZodType, R>({
  schema,
  fields,
  clearable,
  prepare = (body) => body,
  submit,
}: {
  /** The API's zod schema for the body, or `{ load }` to import it when first needed. */
  schema: SchemaSource<S>;
  fields: readonly string[];
  clearable?: readonly string[];
  /** Adjusts the body before it is checked (a choice that means "leave it out"). */
  prepare?: (body: Record<string, unknown>) => Record<string, unknown>;
  /** Sends the checked body; what follows a success (a navigation) goes here too. */
  submit: (body: z.output<S>) => Promise<R>;
}) {
  const { t, i18n } = useTranslation();
  const message = useErrorMessage();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alerts, setAlerts] = useState<string[]>([]);
  const [pending, setPending] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const [attempt, setAttempt] = useState(0);

  // After a failed attempt, the first field in error takes the focus.
  useEffect(() => {
    if (attempt === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const show = (problems: { path: string; message: string }[], fallback: string[] = []) => {
    const { byField, unplaced } = problemToFields(problems, fields);
    setErrors(byField);
    setAlerts([
      ...(Object.keys(byField).length > 0 ? [t('form.fixErrors')] : []),
      ...unplaced.map((p) => (p.path === 'body' ? p.message : `${p.path}: ${p.message}`)),
      ...fallback,
    ]);
    setAttempt((n) => n + 1);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const body = prepare(formBody(new FormData(event.currentTarget).entries(), clearable));
    const [{ zodIn }, checked] = await Promise.all([loadValidation(), resolveSchema(schema)]);
    // zod's own messages in the portal's language (the API's stay as it words them).
    zodIn(i18n.language);
    const parsed = checked.safeParse(body);
    if (!parsed.success) {
      show(zodProblems(localizeIssues(parsed.error, t), body, t('form.required')));
      return;
    }
    setPending(true);
    try {
      await submit(parsed.data);
      setErrors({});
      setAlerts([]);
    } catch (error) {
      const problems = error instanceof ApiError ? problemFields(error.problem, t) : [];
      show(problems, problems.length > 0 ? [] : [message(error)]);
    } finally {
      setPending(false);
    }
  };

  /**
   * For the element around the fields: a field's error goes as soon as it is edited, not when
   * it loses focus (on blur the text below would shift under the pointer pressing Save, and
   * that click would miss). A React handler, so it runs after the field took the new value.
   */
  const onInput = (event: FormEvent<HTMLElement>) => {
    // The first edit fetches the checks, so a submit seldom waits for them.
    void loadValidation();
    void resolveSchema(schema);
    const name = (event.target as { name?: unknown }).name;
    if (typeof name === 'string') clearError(name);
  };

  /** Drops one field's error: for a control edited through its state (a checkbox list). */
  const clearError = (name: string) => {
    setErrors((current) => {
      if (!(name in current)) return current;
      const { [name]: _, ...rest } = current;
      return rest;
    });
  };

  return { formRef: form, errors, alerts, pending, onSubmit, onInput, clearError };
}
