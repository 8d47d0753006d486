/** The four tabs of a task, as the seed names them: More info, To whom, When, How. */
export type TabId = 'info' | 'who' | 'when' | 'how';
export const TAB_IDS: readonly TabId[] = ['info', 'who', 'when', 'how'];

/** The tab that holds a field, by the field's path in the API's body. */
export function tabOf(path: string): TabId {
  if (/^(customerIds|reportTo|assets)(\.|$)/.test(path)) return 'who';
  if (/^schedule(\.|$)/.test(path) || path === 'customExpression') return 'when';
  if (/^(delivery|pricePolicy|template\.paymentMethod)(\.|$)/.test(path)) return 'how';
  return 'info';
}
