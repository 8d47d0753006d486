/** The API's schema for the credentials form, imported when it is first edited or sent (zod). */
export { ConnectorCredentialsInput } from '@sello/contracts';
