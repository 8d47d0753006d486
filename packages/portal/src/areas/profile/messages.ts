import { areaMessages } from '../../i18n/area.ts';

/** The strings of the user's own page, in every language (Spanish is the reference). */
export const profileMessages = areaMessages({
  es: {
    title: 'Mi perfil',
    email: 'Correo electrónico',
    connectors: {
      title: 'Credenciales de conectores',
      intro:
        'Sus propias credenciales en las plataformas a las que Sello reenvía facturas en su nombre. Se guardan cifradas y nunca se muestran.',
      names: { 'insurer-platform': 'Plataforma de la aseguradora' },
      set: 'Credenciales guardadas (NIF {{taxId}}), desde el {{date}}.',
      notSet: 'Sin credenciales.',
      username: 'Usuario',
      password: 'Contraseña',
      passwordHint: 'Se guarda cifrada; no se vuelve a mostrar.',
      taxId: 'NIF',
      save: 'Guardar las credenciales',
      replace: 'Sustituir las credenciales',
      delete: 'Borrar',
      deleteNamed: 'Borrar las credenciales de {{name}}',
      deleteQuestion:
        '¿Borrar sus credenciales de {{name}}? Lo que reenvíe por ella dejará de funcionar.',
      cancel: 'Cancelar',
      saved: 'Credenciales de {{name}} guardadas.',
      deleted: 'Credenciales de {{name}} borradas.',
    },
  },
  ca: {
    title: 'El meu perfil',
    email: 'Correu electrònic',
    connectors: {
      title: 'Credencials de connectors',
      intro:
        'Les seves credencials a les plataformes a les quals Sello reenvia factures en nom seu. Es desen xifrades i no es mostren mai.',
      names: { 'insurer-platform': 'Plataforma de l’asseguradora' },
      set: 'Credencials desades (NIF {{taxId}}), des del {{date}}.',
      notSet: 'Sense credencials.',
      username: 'Usuari',
      password: 'Contrasenya',
      passwordHint: 'Es desa xifrada; no es torna a mostrar.',
      taxId: 'NIF',
      save: 'Desa les credencials',
      replace: 'Substitueix les credencials',
      delete: 'Esborra',
      deleteNamed: 'Esborra les credencials de {{name}}',
      deleteQuestion:
        'Voleu esborrar les credencials de {{name}}? El que s’hi reenviï deixarà de funcionar.',
      cancel: 'Cancel·la',
      saved: 'Credencials de {{name}} desades.',
      deleted: 'Credencials de {{name}} esborrades.',
    },
  },
  en: {
    title: 'My profile',
    email: 'Email',
    connectors: {
      title: 'Connector credentials',
      intro:
        'Your own credentials on the platforms Sello forwards invoices to on your behalf. They are stored encrypted and never shown.',
      names: { 'insurer-platform': 'Insurer’s platform' },
      set: 'Credentials saved (tax id {{taxId}}), since {{date}}.',
      notSet: 'No credentials.',
      username: 'User name',
      password: 'Password',
      passwordHint: 'Stored encrypted; never shown again.',
      taxId: 'Tax id',
      save: 'Save the credentials',
      replace: 'Replace the credentials',
      delete: 'Delete',
      deleteNamed: 'Delete the credentials for {{name}}',
      deleteQuestion:
        'Delete your credentials for {{name}}? Forwarding through it will stop working.',
      cancel: 'Cancel',
      saved: 'Credentials for {{name}} saved.',
      deleted: 'Credentials for {{name}} deleted.',
    },
  },
});
