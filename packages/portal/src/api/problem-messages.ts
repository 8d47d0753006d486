import type { TFunction } from 'i18next';
import i18next from 'i18next';
import type * as z from 'zod';
import { translateDynamic } from '../i18n/dynamic.ts';
import type { FieldProblem, Problem } from './problem.ts';

/**
 * The API's problems and zod's issues in the portal's language, in one place.
 *
 * The API names each kind of problem by a stable `type` (`urn:sello:problem:<code>`, the table
 * in packages/http/src/problem.ts): the generic ones are worded here. Those whose `detail` says
 * something only the API knows (validation-error, unprocessable, conflict, unauthorized,
 * forbidden) keep the API's words. Field errors (`errors[].path/message`) carry no code, so
 * they stay as the API words them, except the role check's (`authorization`, from the
 * authentication middleware).
 */
const BY_CODE: Record<string, string> = {
  'not-found': 'problems.notFound',
  'route-not-found': 'problems.notFound',
  'precondition-failed': 'problems.changed',
  'rate-limited': 'problems.rateLimited',
  'payload-too-large': 'problems.tooLarge',
  'idempotency-in-progress': 'problems.inProgress',
  'idempotency-key-reused': 'problems.keyReused',
  'malformed-json': 'problems.badRequest',
  'unsupported-media-type': 'problems.badRequest',
  'method-not-allowed': 'problems.badRequest',
};

const PREFIX = 'urn:sello:problem:';

/** The code of a problem (`not-found`), from its `type`. */
export const problemCode = (problem: Problem): string | undefined =>
  problem.type.startsWith(PREFIX) ? problem.type.slice(PREFIX.length) : undefined;

/** A problem in words: the portal's for the generic kinds, the API's otherwise. */
export function problemMessage(problem: Problem, t: TFunction): string | undefined {
  const code = problemCode(problem);
  if (code === 'internal' && problem.correlationId)
    return translateDynamic(t, 'problems.internal', { id: problem.correlationId });
  if (code === 'forbidden' && problem.errors?.some((e) => e.path === 'authorization'))
    return translateDynamic(t, 'problems.role');
  const key = code ? BY_CODE[code] : undefined;
  return key ? translateDynamic(t, key) : (problem.detail ?? problem.title);
}

/** A problem's field errors, the role check's in the portal's words. */
export function problemFields(problem: Problem | undefined, t: TFunction): FieldProblem[] {
  return (problem?.errors ?? []).map((e) =>
    e.path === 'authorization'
      ? { path: 'body', message: translateDynamic(t, 'problems.role') }
      : e,
  );
}

/** `^-?\d{1,15}(\.\d{1,2})?$`, the API's decimal strings (decimalString in the contracts). */
const DECIMALS = /^\/\^-\?\\d\{1,15\}\(\\\.\\d\{1,(\d+)\}\)\?\$\/$/;
/** The contracts' patterns whose meaning the portal words itself (their sources, as zod keeps them). */
const PATTERNS: Record<string, string> = {
  '/^[A-Z]{2}$/': 'country',
  '/^#[0-9a-fA-F]{6}$/': 'colour',
  '/^[A-Z0-9-]+$/': 'seriesCode',
  '/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/': 'bic',
  '/^[A-Z]{2}\\d{2}[A-Z0-9]{11,30}$/': 'iban',
  '/^[\\w.\\-/]+$/': 'sku',
};

type Issue = z.core.$ZodRawIssue | z.core.$ZodIssue;

/**
 * A zod issue in the portal's words, by its code and what it carries (the limits, the format);
 * undefined leaves it to zod's locale. Used for every issue (`customError`) and again after a
 * parse for the two kinds whose English words the contracts' schemas set themselves (a pattern's
 * meaning, a refinement), which take precedence over any error map.
 */
export function zodIssueMessage(issue: Issue, t: TFunction = i18next.t): string | undefined {
  const say = (key: string, values: Record<string, string> = {}) =>
    translateDynamic(t, `issues.${key}`, values);
  switch (issue.code) {
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string')
        return min === '1' ? t('form.required') : say('tooShort', { min });
      if (issue.origin === 'array' || issue.origin === 'set') return say('tooFew', { min });
      return say('tooLow', { min });
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') return say('tooLong', { max });
      if (issue.origin === 'array' || issue.origin === 'set') return say('tooMany', { max });
      return say('tooHigh', { max });
    }
    case 'invalid_format': {
      if (issue.format === 'email') return say('email');
      if (issue.format === 'url') return say('url');
      if (issue.format === 'date' || issue.format === 'datetime') return say('date');
      const pattern = String(issue.pattern ?? '');
      const decimals = DECIMALS.exec(pattern)?.[1];
      if (decimals) return say('decimal', { decimals });
      return say(PATTERNS[pattern] ?? 'format');
    }
    case 'invalid_value':
      return say('option');
    case 'invalid_type':
      return issue.expected === 'number' ? say('number') : say('invalid');
    case 'unrecognized_keys':
      return say('unknown');
    case 'custom':
      // The contracts refine a field only to keep control characters out of XML (xmlText), and
      // a whole patch to change at least one field.
      return issue.path?.length ? say('controlCharacter') : say('nothingChanged');
    default:
      return undefined;
  }
}

/** A parse's issues with the contracts' own (English) words replaced by the portal's. */
export function localizeIssues(error: z.ZodError, t: TFunction): Pick<z.ZodError, 'issues'> {
  return {
    issues: error.issues.map((issue) =>
      issue.code === 'custom' || (issue.code === 'invalid_format' && issue.format === 'regex')
        ? { ...issue, message: zodIssueMessage(issue, t) ?? issue.message }
        : issue,
    ),
  };
}
