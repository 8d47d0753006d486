import { isXmlText, xmlForbiddenChar } from '@sello/core/shared';
import * as z from 'zod';

/** RFC 9457 problem details, as every 4xx/5xx answers. */
export const Problem = z
  .object({
    type: z.string().describe('Stable URI naming the kind of problem'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    correlationId: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('One entry per offending field'),
  })
  .meta({ id: 'Problem' });

export const IdParams = z.object({ id: z.string().min(1).max(64) });

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(2048).optional(),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().optional().describe('Pass as `cursor` to get the next page'),
  });

/** ISO 8601 instant in UTC, as stored. */
export const Instant = z.iso.datetime();

/**
 * Free text that ends up in an XML document (Facturae, UBL, CII, VERI*FACTU records): refuses
 * the characters XML 1.0 cannot carry (control characters such as U+000B), naming the first.
 * Wraps the field's own string schema, after its trim.
 */
export const xmlText = <T extends z.ZodString>(schema: T): T =>
  schema.refine(isXmlText, {
    error: (issue) =>
      `Holds ${xmlForbiddenChar(String(issue.input))}, a control character XML documents cannot carry`,
  });
