import { describe, expect, it } from 'vitest';
import { tabOf } from './tabs.ts';

describe('the tab of a task field', () => {
  it('places every field of the body on its tab', () => {
    expect(
      [
        'name',
        'description',
        'documentType',
        'template.lines.3.quantity',
        'template.notes',
        'template.series',
      ].map(tabOf),
    ).toEqual(['info', 'info', 'info', 'info', 'info', 'info']);
    expect(['customerIds', 'customerIds.4', 'reportTo', 'assets.cus_1.0.name'].map(tabOf)).toEqual([
      'who',
      'who',
      'who',
      'who',
    ]);
    expect(
      ['schedule', 'schedule.timezone', 'schedule.startDate', 'customExpression'].map(tabOf),
    ).toEqual(['when', 'when', 'when', 'when']);
    expect(
      ['pricePolicy', 'delivery.formats', 'delivery', 'template.paymentMethod.iban'].map(tabOf),
    ).toEqual(['how', 'how', 'how', 'how']);
  });

  it('does not take a field for another that only starts alike', () => {
    expect(tabOf('scheduleNotes')).toBe('info');
    expect(tabOf('template.paymentMethodology')).toBe('info');
  });
});
