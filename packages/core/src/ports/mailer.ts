export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface Mail {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  replyTo?: string;
  attachments?: MailAttachment[];
}

/** Sends e-mail (SES in AWS, the SES emulator locally); answers the provider's message id. */
export interface Mailer {
  send(mail: Mail): Promise<{ messageId: string }>;
}
