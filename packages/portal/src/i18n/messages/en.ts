import { accountMessages } from '../../areas/account/messages.ts';
import { catalogMessages } from '../../areas/catalog/messages.ts';
import { inboxMessages } from '../../areas/inbox/messages.ts';
import { invoicesMessages } from '../../areas/invoices/messages.ts';
import { registerMessages } from '../../areas/register/messages.ts';
import { settingsMessages } from '../../areas/settings/messages.ts';
import { signUpMessages } from '../../areas/sign-up/messages.ts';
import { tasksMessages } from '../../areas/tasks/messages.ts';
import { usersMessages } from '../../areas/users/messages.ts';
import { workOrdersMessages } from '../../areas/work-orders/messages.ts';
import type { Messages } from '../messages.ts';

export const en: Messages = {
  app: { name: 'Sello', tagline: 'E-invoicing' },
  shell: {
    skipToContent: 'Skip to content',
    navigation: 'Main navigation',
    home: 'Home',
    customers: 'Customers',
    developer: 'Developer',
    signIn: 'Sign in',
    signOut: 'Sign out',
    signedInAs: 'Signed in as {{email}}',
    apiKeySession: 'With an API key (development)',
    menu: 'Menu',
  },
  language: { label: 'Language', es: 'Español', ca: 'Català', en: 'English' },
  states: {
    loading: 'Loading…',
    error: 'This could not be loaded.',
    retry: 'Try again',
    notFound: 'This page does not exist.',
    backHome: 'Back to the start',
    network: 'The server cannot be reached. Try again.',
  },
  form: {
    required: 'Required.',
    save: 'Save',
    saving: 'Saving…',
    cancel: 'Cancel',
    optional: '(optional)',
    fixErrors: 'Check the marked fields.',
  },
  signIn: {
    title: 'Sign in to Sello',
    email: 'E-mail',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    failed: 'Signing in failed.',
    expired: 'Your session expired. Sign in again.',
    refused: 'Wrong e-mail or password.',
  },
  home: {
    title: 'Home',
    welcome: 'Hello, {{name}}',
    intro: "From here you will manage your company's customers, catalogue and invoices.",
    customersLink: 'See the customers',
  },
  customers: {
    title: 'Customers',
    new: 'New customer',
    edit: 'Edit customer',
    search: 'Search by tax id',
    searchHint: 'The whole NIF, NIE, CIF, RFC or VAT number',
    empty: 'No customers yet.',
    noMatch: 'No customer has that tax id.',
    createFirst: 'Create the first one',
    more: 'Load more',
    created: 'Customer {{name}} created.',
    saved: 'Changes saved.',
    columns: { name: 'Name', taxId: 'Tax id', city: 'City', email: 'E-mail' },
    fields: {
      taxId: 'Tax id',
      taxIdHint: 'NIF, NIE or CIF in Spain; RFC in Mexico; VAT number in the EU',
      name: 'Name or company name',
      email: 'E-mail for invoices',
      language: 'Language of invoices',
      languageAuto: 'By country',
      address: 'Address',
      line1: 'Street and number',
      line2: 'Address line 2',
      city: 'City',
      postalCode: 'Postal code',
      province: 'Province or state',
      country: 'Country (ISO code)',
      countryHint: 'Two letters, such as ES, PT or MX',
    },
  },
  developer: {
    title: 'Developer tools',
    intro:
      "Only on the local platform: use the portal with the demo tenant's API key until staff accounts exist.",
    apiKey: 'API key',
    apiKeyHint: 'Starts with sello_. The local platform page shows it.',
    use: 'Use this key',
    inUse: 'The portal uses an API key in this tab.',
    forget: 'Forget the key',
    localPage: 'The local platform page (tenant, key, sent mail)',
    invalidKey: 'The API does not accept this key.',
  },
  // Each area's strings live in its folder (areas/<area>/messages.ts).
  invoices: invoicesMessages.en,
  catalog: catalogMessages.en,
  tasks: tasksMessages.en,
  workOrders: workOrdersMessages.en,
  settings: settingsMessages.en,
  users: usersMessages.en,
  inbox: inboxMessages.en,
  register: registerMessages.en,
  account: accountMessages.en,
  signUp: signUpMessages.en,
};
