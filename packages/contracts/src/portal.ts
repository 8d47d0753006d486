/**
 * The portal's Content-Security-Policy, sent by the local server and by CloudFront alike:
 * everything from the portal's own origin (the API included: `/v1/*` is served on it), no inline
 * script, no plugins, no framing of the portal; `blob:` frames and images for the PDF previews the
 * portal fetches with its token. The one style hash is React Aria's `touch-action` rule for
 * pressable elements, which it adds as a `<style>`; an upgrade that changes it shows in the browser
 * tests as a console error naming the new hash.
 */
export const PORTAL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'sha256-38RhXrc7EdReTKsOm23ZPOCUgniTUUcjky8QOOrQx6o='",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
