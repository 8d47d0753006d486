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
/** Spanish, the default language: the catalog every other language must match key for key. */
export const es = {
  app: { name: 'Sello', tagline: 'Facturación electrónica' },
  shell: {
    skipToContent: 'Saltar al contenido',
    navigation: 'Navegación principal',
    home: 'Inicio',
    customers: 'Clientes',
    developer: 'Desarrollo',
    signIn: 'Entrar',
    signOut: 'Salir',
    signedInAs: 'Sesión de {{email}}',
    apiKeySession: 'Con clave de API (desarrollo)',
    menu: 'Menú',
  },
  language: { label: 'Idioma', es: 'Español', ca: 'Català', en: 'English' },
  states: {
    loading: 'Cargando…',
    error: 'No se ha podido cargar.',
    retry: 'Reintentar',
    notFound: 'Esta página no existe.',
    backHome: 'Volver al inicio',
    network: 'No hay conexión con el servidor. Inténtalo de nuevo.',
  },
  form: {
    required: 'Obligatorio.',
    save: 'Guardar',
    saving: 'Guardando…',
    cancel: 'Cancelar',
    optional: '(opcional)',
    fixErrors: 'Revisa los campos marcados.',
  },
  signIn: {
    title: 'Entrar en Sello',
    email: 'Correo electrónico',
    password: 'Contraseña',
    submit: 'Entrar',
    submitting: 'Entrando…',
    failed: 'No se ha podido entrar.',
    expired: 'La sesión ha caducado. Vuelve a entrar.',
    refused: 'El correo o la contraseña no son correctos.',
  },
  home: {
    title: 'Inicio',
    welcome: 'Hola, {{name}}',
    intro: 'Desde aquí gestionarás los clientes, el catálogo y las facturas de tu empresa.',
    customersLink: 'Ver los clientes',
  },
  customers: {
    title: 'Clientes',
    new: 'Nuevo cliente',
    edit: 'Editar cliente',
    search: 'Buscar por NIF',
    searchHint: 'El NIF, NIE, CIF, RFC o número de IVA completo',
    empty: 'Todavía no hay clientes.',
    noMatch: 'Ningún cliente tiene ese identificador fiscal.',
    createFirst: 'Crear el primero',
    more: 'Cargar más',
    created: 'Cliente {{name}} creado.',
    saved: 'Cambios guardados.',
    columns: { name: 'Nombre', taxId: 'NIF', city: 'Ciudad', email: 'Correo' },
    fields: {
      taxId: 'NIF / identificador fiscal',
      taxIdHint: 'NIF, NIE o CIF en España; RFC en México; número de IVA en la UE',
      name: 'Nombre o razón social',
      email: 'Correo para las facturas',
      language: 'Idioma de las facturas',
      languageAuto: 'Según el país',
      address: 'Dirección',
      line1: 'Calle y número',
      line2: 'Más señas',
      city: 'Población',
      postalCode: 'Código postal',
      province: 'Provincia',
      country: 'País (código ISO)',
      countryHint: 'Dos letras, como ES, PT o MX',
    },
  },
  developer: {
    title: 'Herramientas de desarrollo',
    intro:
      'Solo en la plataforma local: usa el portal con la clave de API del inquilino de demostración hasta que existan las cuentas de personal.',
    apiKey: 'Clave de API',
    apiKeyHint: 'Empieza por sello_. La encontrarás en la página de la plataforma local.',
    use: 'Usar esta clave',
    inUse: 'El portal usa una clave de API en esta pestaña.',
    forget: 'Olvidar la clave',
    localPage: 'Página de la plataforma local (inquilino, clave, correo enviado)',
    invalidKey: 'La API no acepta esta clave.',
  },
  // Each area's strings live in its folder (areas/<area>/messages.ts).
  invoices: invoicesMessages.es,
  catalog: catalogMessages.es,
  tasks: tasksMessages.es,
  workOrders: workOrdersMessages.es,
  settings: settingsMessages.es,
  users: usersMessages.es,
  inbox: inboxMessages.es,
  register: registerMessages.es,
  account: accountMessages.es,
  signUp: signUpMessages.es,
};
