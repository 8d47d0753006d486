export { UnprocessableError } from '../errors.ts';
