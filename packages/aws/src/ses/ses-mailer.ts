import { type SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import type { Mail, Mailer } from '@sello/core/ports';
import MailComposer from 'nodemailer/lib/mail-composer';

/**
 * Builds the MIME message with nodemailer's MailComposer (encodings, UTF-8 headers, attachments)
 * and hands the raw bytes to SES, which is the only way to send attachments through SES v1.
 */
export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESClient,
    private readonly from: string,
    private readonly configurationSet?: string,
  ) {}

  async send(mail: Mail): Promise<{ messageId: string }> {
    const message = await new MailComposer({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html ? { html: mail.html } : {}),
      ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
      attachments: (mail.attachments ?? []).map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.content),
      })),
    })
      .compile()
      .build();
    const out = await this.ses.send(
      new SendRawEmailCommand({
        RawMessage: { Data: message },
        ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
      }),
    );
    return { messageId: out.MessageId ?? '' };
  }
}
