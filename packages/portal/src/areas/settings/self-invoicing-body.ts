type Entries = {
  linesFrom?: string;
  selfInvoicing?: {
    enabled?: string;
    companyNumber?: string;
    limit?: { kind?: string; days?: string };
    afterLimit?: string;
    concept?: Record<string, string>;
    seriesId?: string;
  };
};

/**
 * The form's values as `PATCH /v1/settings` takes the section: the whole of it each time (the
 * page shows all of it), the concept removed (`null`) when the ticket's own lines are chosen and
 * the series when the default is, the days a number. What does not parse is left for the API's
 * schema to name.
 */
export function selfInvoicingBody(body: Record<string, unknown>): Record<string, unknown> {
  const { linesFrom, selfInvoicing: s = {} } = body as Entries;
  const days = s.limit?.days?.trim();
  return {
    selfInvoicing: {
      enabled: s.enabled === 'true',
      companyNumber: s.companyNumber,
      limit:
        s.limit?.kind === 'days'
          ? { kind: 'days', days: days && /^\d+$/.test(days) ? Number(days) : days }
          : { kind: s.limit?.kind },
      afterLimit: s.afterLimit,
      concept: linesFrom === 'concept' ? (s.concept ?? {}) : null,
      seriesId: s.seriesId ?? null,
    },
  };
}
