import { ENV } from '@sello/contracts';
import { sesClient } from '../clients.ts';
import { optionalEnv, requireEnv } from '../config.ts';
import { SesTextMailer } from './ses-text-mailer.ts';

let built: SesTextMailer | undefined;

/** The mailer for messages without attachments, built once per container. */
export function textMailer() {
  built ??= new SesTextMailer(
    sesClient(),
    requireEnv(ENV.mailFrom),
    optionalEnv(ENV.mailConfigurationSet),
  );
  return built;
}
