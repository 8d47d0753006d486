import * as z from 'zod';
import { ca, en, es } from 'zod/locales';
import { zodIssueMessage } from '../api/problem-messages.ts';
import { isLanguage } from '../i18n/language.ts';

// zod would probe `new Function` for its fast path, which the portal's CSP (no unsafe-eval)
// refuses and reports; the plain path is quick enough for forms.
z.config({ jitless: true });
// zod's issues in the portal's own words where it has them (its locales word the rest).
z.config({ customError: (issue) => zodIssueMessage(issue) });

const ZOD_LOCALES = { es, ca, en };

/**
 * zod as the portal uses it, in a chunk of its own (≈26 KB gzipped): loaded when a form is first
 * edited or sent, not with the page. Its own messages follow the portal's language.
 */
export function zodIn(language: string): void {
  if (isLanguage(language)) z.config(ZOD_LOCALES[language]());
}
