import type { Language } from '../parties/party.ts';

/**
 * Why a recipient gets a link to choose a password: it asked to reset it, or its account moved
 * to the sign-in staff use (the password it had is no longer kept anywhere).
 */
export type RecipientPasswordReason = 'reset' | 'migrated';

const TEXTS: Record<
  Language,
  Record<RecipientPasswordReason, { subject: string; body: string }> & {
    expires: Record<RecipientPasswordReason, string>;
    hello: string;
    bye: string;
  }
> = {
  es: {
    hello: 'Buenos días:',
    bye: 'Un saludo,',
    reset: {
      subject: 'Restablezca su contraseña de Sello',
      body: 'Ha pedido restablecer la contraseña con la que consulta en Sello las facturas dirigidas a su NIF. Elija una nueva aquí:',
    },
    migrated: {
      subject: 'Elija una nueva contraseña para Sello',
      body: 'Sello ha cambiado la forma de iniciar sesión y su contraseña anterior ya no sirve. Para seguir consultando las facturas dirigidas a su NIF, elija una nueva aquí:',
    },
    expires: {
      reset:
        'El enlace caduca en una hora y solo puede usarse una vez. Si no lo ha pedido usted, no tiene que hacer nada: su contraseña no ha cambiado.',
      migrated:
        'El enlace caduca en siete días y solo puede usarse una vez. Después, pida otro desde «He olvidado mi contraseña».',
    },
  },
  ca: {
    hello: 'Bon dia,',
    bye: 'Salutacions,',
    reset: {
      subject: 'Restabliu la contrasenya de Sello',
      body: 'Heu demanat restablir la contrasenya amb què consulteu a Sello les factures adreçades al vostre NIF. Trieu-ne una de nova aquí:',
    },
    migrated: {
      subject: 'Trieu una contrasenya nova per a Sello',
      body: "Sello ha canviat la manera d'iniciar la sessió i la contrasenya anterior ja no serveix. Per continuar consultant les factures adreçades al vostre NIF, trieu-ne una de nova aquí:",
    },
    expires: {
      reset:
        "L'enllaç caduca d'aquí a una hora i només es pot fer servir una vegada. Si no ho heu demanat vosaltres, no cal que feu res: la contrasenya no ha canviat.",
      migrated:
        "L'enllaç caduca d'aquí a set dies i només es pot fer servir una vegada. Després, demaneu-ne un altre des de «He oblidat la contrasenya».",
    },
  },
  en: {
    hello: 'Hello,',
    bye: 'Kind regards,',
    reset: {
      subject: 'Reset your Sello password',
      body: 'You asked to reset the password you read the invoices addressed to your tax id on Sello with. Choose a new one here:',
    },
    migrated: {
      subject: 'Choose a new password for Sello',
      body: 'Sello changed how people sign in, and your previous password no longer works. To keep reading the invoices addressed to your tax id, choose a new one here:',
    },
    expires: {
      reset:
        'The link expires in one hour and works once. If you did not ask for it, do nothing: your password has not changed.',
      migrated:
        'The link expires in seven days and works once. After that, ask for another one with "Forgot your password".',
    },
  },
};

/** The mail with a registered recipient's link to choose a password. */
export function recipientPasswordMail(
  language: Language,
  reason: RecipientPasswordReason,
  url: string,
): { subject: string; text: string } {
  const t = TEXTS[language] ?? TEXTS.es;
  return {
    subject: t[reason].subject,
    text: [t.hello, '', t[reason].body, url, '', t.expires[reason], '', t.bye, 'Sello'].join('\n'),
  };
}
