/**
 * The API's schemas for this area's forms, imported only when a form is first edited or sent:
 * they bring zod, which no page of the area needs to show itself.
 */
export { ClaimInput, ValuationInput } from '@sello/contracts';
