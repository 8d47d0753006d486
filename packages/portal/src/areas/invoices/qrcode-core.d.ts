/** The encoder module inside `qrcode` (no types of its own): the symbol without the renderers. */
declare module 'qrcode/lib/core/qrcode.js' {
  export function create(
    text: string,
    options?: import('qrcode').QRCodeOptions,
  ): import('qrcode').QRCode;
}
