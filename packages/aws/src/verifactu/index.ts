/**
 * Submission to AEAT: a separate entry point because the submitters bring the record XML builder
 * (xmlbuilder2); only the sender function should carry it.
 */
export * from './aeat-soap-submitter.ts';
export * from './sandbox-submitter.ts';
