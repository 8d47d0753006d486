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

export const ca: Messages = {
  app: { name: 'Sello', tagline: 'Facturació electrònica' },
  shell: {
    skipToContent: 'Salta al contingut',
    navigation: 'Navegació principal',
    home: 'Inici',
    customers: 'Clients',
    developer: 'Desenvolupament',
    signIn: 'Entra',
    signOut: 'Surt',
    signedInAs: 'Sessió de {{email}}',
    apiKeySession: 'Amb clau d’API (desenvolupament)',
    menu: 'Menú',
  },
  language: { label: 'Idioma', es: 'Español', ca: 'Català', en: 'English' },
  states: {
    loading: 'S’està carregant…',
    error: 'No s’ha pogut carregar.',
    retry: 'Torna-ho a provar',
    notFound: 'Aquesta pàgina no existeix.',
    backHome: 'Torna a l’inici',
    network: 'No hi ha connexió amb el servidor. Torna-ho a provar.',
  },
  form: {
    required: 'Obligatori.',
    save: 'Desa',
    saving: 'S’està desant…',
    cancel: 'Cancel·la',
    optional: '(opcional)',
    fixErrors: 'Revisa els camps marcats.',
  },
  signIn: {
    title: 'Entra a Sello',
    email: 'Correu electrònic',
    password: 'Contrasenya',
    submit: 'Entra',
    submitting: 'S’està entrant…',
    failed: 'No s’ha pogut entrar.',
    expired: 'La sessió ha caducat. Torna a entrar.',
    refused: 'El correu o la contrasenya no són correctes.',
  },
  home: {
    title: 'Inici',
    welcome: 'Hola, {{name}}',
    intro: 'Des d’aquí gestionaràs els clients, el catàleg i les factures de la teva empresa.',
    customersLink: 'Mostra els clients',
  },
  customers: {
    title: 'Clients',
    new: 'Client nou',
    edit: 'Edita el client',
    search: 'Cerca per NIF',
    searchHint: 'El NIF, NIE, CIF, RFC o número d’IVA complet',
    empty: 'Encara no hi ha clients.',
    noMatch: 'Cap client no té aquest identificador fiscal.',
    createFirst: 'Crea el primer',
    more: 'Carrega’n més',
    created: 'S’ha creat el client {{name}}.',
    saved: 'S’han desat els canvis.',
    columns: { name: 'Nom', taxId: 'NIF', city: 'Població', email: 'Correu' },
    fields: {
      taxId: 'NIF / identificador fiscal',
      taxIdHint: 'NIF, NIE o CIF a Espanya; RFC a Mèxic; número d’IVA a la UE',
      name: 'Nom o raó social',
      email: 'Correu per a les factures',
      language: 'Idioma de les factures',
      languageAuto: 'Segons el país',
      address: 'Adreça',
      line1: 'Carrer i número',
      line2: 'Més dades de l’adreça',
      city: 'Població',
      postalCode: 'Codi postal',
      province: 'Província',
      country: 'País (codi ISO)',
      countryHint: 'Dues lletres, com ES, PT o MX',
    },
  },
  developer: {
    title: 'Eines de desenvolupament',
    intro:
      'Només a la plataforma local: fes servir el portal amb la clau d’API de l’inquilí de demostració fins que existeixin els comptes del personal.',
    apiKey: 'Clau d’API',
    apiKeyHint: 'Comença per sello_. La trobaràs a la pàgina de la plataforma local.',
    use: 'Fes servir aquesta clau',
    inUse: 'El portal fa servir una clau d’API en aquesta pestanya.',
    forget: 'Oblida la clau',
    localPage: 'Pàgina de la plataforma local (inquilí, clau, correu enviat)',
    invalidKey: 'L’API no accepta aquesta clau.',
  },
  // Each area's strings live in its folder (areas/<area>/messages.ts).
  invoices: invoicesMessages.ca,
  catalog: catalogMessages.ca,
  tasks: tasksMessages.ca,
  workOrders: workOrdersMessages.ca,
  settings: settingsMessages.ca,
  users: usersMessages.ca,
  inbox: inboxMessages.ca,
  register: registerMessages.ca,
  account: accountMessages.ca,
  signUp: signUpMessages.ca,
};
