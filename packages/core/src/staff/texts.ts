import type { Language } from '../parties/party.ts';
import type { StaffRole } from './model.ts';

const ROLE_NAMES: Record<Language, Record<StaffRole, string>> = {
  es: {
    owner: 'propietario',
    admin: 'administrador',
    accountant: 'contable',
    technician: 'técnico',
    readOnly: 'solo lectura',
  },
  ca: {
    owner: 'propietari',
    admin: 'administrador',
    accountant: 'comptable',
    technician: 'tècnic',
    readOnly: 'només lectura',
  },
  en: {
    owner: 'owner',
    admin: 'administrator',
    accountant: 'accountant',
    technician: 'technician',
    readOnly: 'read only',
  },
};

/** The invitation to join a tenant on Sello, in the tenant's language. */
export function invitationMail(
  language: Language,
  tenantName: string,
  role: StaffRole,
  url: string,
): { subject: string; text: string } {
  const as = ROLE_NAMES[language][role];
  switch (language) {
    case 'ca':
      return {
        subject: `Us han convidat a ${tenantName} a Sello`,
        text: [
          'Bon dia,',
          '',
          `Us han convidat a treballar amb ${tenantName} a Sello, amb el rol de ${as}.`,
          '',
          'Trieu la vostra contrasenya per acceptar la invitació:',
          url,
          '',
          "L'enllaç caduca d'aquí a set dies i només es pot fer servir una vegada.",
          '',
          'Salutacions,',
          'Sello',
        ].join('\n'),
      };
    case 'en':
      return {
        subject: `You have been invited to ${tenantName} on Sello`,
        text: [
          'Hello,',
          '',
          `You have been invited to work with ${tenantName} on Sello, as ${as}.`,
          '',
          'Choose your password to accept the invitation:',
          url,
          '',
          'The link expires in seven days and works once.',
          '',
          'Kind regards,',
          'Sello',
        ].join('\n'),
      };
    default:
      return {
        subject: `Le han invitado a ${tenantName} en Sello`,
        text: [
          'Buenos días:',
          '',
          `Le han invitado a trabajar con ${tenantName} en Sello, con el rol de ${as}.`,
          '',
          'Elija su contraseña para aceptar la invitación:',
          url,
          '',
          'El enlace caduca en siete días y solo puede usarse una vez.',
          '',
          'Un saludo,',
          'Sello',
        ].join('\n'),
      };
  }
}

/** The password-reset mail, in the tenant's language. */
export function passwordResetMail(
  language: Language,
  tenantName: string,
  url: string,
): { subject: string; text: string } {
  switch (language) {
    case 'ca':
      return {
        subject: 'Restabliu la contrasenya de Sello',
        text: [
          'Bon dia,',
          '',
          `Heu demanat restablir la contrasenya amb què entreu a Sello per a ${tenantName}. Trieu-ne una de nova aquí:`,
          url,
          '',
          "L'enllaç caduca d'aquí a una hora i només es pot fer servir una vegada. Si no ho heu demanat vosaltres, no cal que feu res: la contrasenya no ha canviat.",
          '',
          'Salutacions,',
          'Sello',
        ].join('\n'),
      };
    case 'en':
      return {
        subject: 'Reset your Sello password',
        text: [
          'Hello,',
          '',
          `You asked to reset the password you sign in to Sello with for ${tenantName}. Choose a new one here:`,
          url,
          '',
          'The link expires in one hour and works once. If you did not ask for it, do nothing: your password has not changed.',
          '',
          'Kind regards,',
          'Sello',
        ].join('\n'),
      };
    default:
      return {
        subject: 'Restablezca su contraseña de Sello',
        text: [
          'Buenos días:',
          '',
          `Ha pedido restablecer la contraseña con la que entra en Sello para ${tenantName}. Elija una nueva aquí:`,
          url,
          '',
          'El enlace caduca en una hora y solo puede usarse una vez. Si no lo ha pedido usted, no tiene que hacer nada: su contraseña no ha cambiado.',
          '',
          'Un saludo,',
          'Sello',
        ].join('\n'),
      };
  }
}
