import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as z from 'zod';
import { ca, en, es } from 'zod/locales';
import { ApiError, problemToFields } from '../api/problem.ts';
import { localizeIssues, problemFields, zodIssueMessage } from '../api/problem-messages.ts';
import { isLanguage } from '../i18n/language.ts';
import { useErrorMessage } from '../ui/states.tsx';
import { formBody, zodProblems } from './values.ts';

const ZOD_LOCALES = { es, ca, en };
// zod would probe `new Function` for its fast path, which the portal's CSP (no unsafe-eval)
// refuses and reports; the plain path is quick enough for forms.
z.config({ jitless: true });
// zod's issues in the portal's own words where it has them (its locales word the rest).
z.config({ customError: (issue) => zodIssueMessage(issue) });

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
  schema: S;
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

  // zod's own messages in the portal's language (the API's stay as it words them).
  useEffect(() => {
    if (isLanguage(i18n.language)) z.config(ZOD_LOCALES[i18n.language]());
  }, [i18n.language]);

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
    const parsed = schema.safeParse(body);
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
