import { type SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import type { Mail, Mailer } from '@sello/core/ports';

/**
 * Mails without attachments (notifications, reports) through SES `SendEmail`, which encodes the
 * message itself: functions that only notify then carry no MIME library (see `SesMailer`).
 */
export class SesTextMailer implements Mailer {
  constructor(
    private readonly ses: SESClient,
    private readonly from: string,
    private readonly configurationSet?: string,
  ) {}

  async send(mail: Mail): Promise<{ messageId: string }> {
    if (mail.attachments?.length) {
      throw new Error('SesTextMailer sends no attachments; use SesMailer');
    }
    const utf8 = (Data: string) => ({ Data, Charset: 'UTF-8' });
    const out = await this.ses.send(
      new SendEmailCommand({
        Source: this.from,
        Destination: { ToAddresses: mail.to },
        Message: {
          Subject: utf8(mail.subject),
          Body: { Text: utf8(mail.text), ...(mail.html ? { Html: utf8(mail.html) } : {}) },
        },
        ...(mail.replyTo ? { ReplyToAddresses: [mail.replyTo] } : {}),
        ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
      }),
    );
    return { messageId: out.MessageId ?? '' };
  }
}
