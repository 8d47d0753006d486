import { SesTextMailer } from '@sello/aws';
import { SesMailer } from '@sello/aws/documents';
import { ENV } from '@sello/contracts';
import { sesClient } from './clients.ts';
import { optionalEnv, requireEnv } from './config.ts';

let text: SesTextMailer | undefined;

/** The mailer for messages without attachments (SES SendEmail, no MIME library). */
export function textMailer() {
  text ??= new SesTextMailer(
    sesClient(),
    requireEnv(ENV.mailFrom),
    optionalEnv(ENV.mailConfigurationSet),
  );
  return text;
}

let withAttachments: SesMailer | undefined;

/** The mailer for documents: MIME with attachments, only in the functions that send them. */
export function mailer() {
  withAttachments ??= new SesMailer(
    sesClient(),
    requireEnv(ENV.mailFrom),
    optionalEnv(ENV.mailConfigurationSet),
  );
  return withAttachments;
}
