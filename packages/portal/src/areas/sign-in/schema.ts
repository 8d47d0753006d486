/**
 * The sign-in form's API schema, imported when the form is first edited or sent: it brings zod,
 * which the page does not need to show itself.
 */
export { SignInInput } from '@sello/contracts';
