/**
 * S3 artifact storage and SES mail with attachments: a separate entry point because MIME
 * composition weighs on the bundles, and only the functions that store or mail documents should
 * carry it.
 */
export * from '../s3/artifact-store.ts';
export * from '../ses/ses-mailer.ts';
