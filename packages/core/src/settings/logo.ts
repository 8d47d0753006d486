import { createHash } from 'node:crypto';
import { PreconditionFailedError, ValidationError } from '../errors.ts';
import type { ArtifactStore } from '../ports/artifacts.ts';
import type { Clock } from '../ports/clock.ts';
import { getSettings } from './get-settings.ts';
import type { LogoImageType, SettingsRepository, TenantLogo, TenantSettings } from './settings.ts';

/** Larger logos only slow every PDF down: it is drawn at most 140 × 44 pt. */
export const LOGO_MAX_BYTES = 512 * 1024;
export const LOGO_MIN_SIDE = 16;
export const LOGO_MAX_SIDE = 3000;
/** Decoding a PNG for the PDF takes 4 bytes per pixel: this bounds the renderer's memory. */
export const LOGO_MAX_PIXELS = 4_000_000;

export interface ImageInfo {
  contentType: LogoImageType;
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** PNG: the signature, then IHDR first with width and height (RFC 2083 §3.2, §4.1.1). */
function pngInfo(b: Uint8Array): ImageInfo | undefined {
  if (b.length < 33 || PNG_SIGNATURE.some((v, i) => b[i] !== v)) return undefined;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (String.fromCharCode(...b.subarray(12, 16)) !== 'IHDR') return undefined;
  return { contentType: 'image/png', width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * JPEG: SOI, then marker segments up to a start-of-frame, which carries height and width. C4
 * (Huffman tables), C8 (reserved) and CC (arithmetic conditioning) share the SOF range but are not
 * frames.
 */
function jpegInfo(b: Uint8Array): ImageInfo | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8 || b[2] !== 0xff) return undefined;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // image data before any frame
    const length = view.getUint16(at + 2);
    const frame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (frame) {
      if (at + 9 > b.length) return undefined;
      return {
        contentType: 'image/jpeg',
        height: view.getUint16(at + 5),
        width: view.getUint16(at + 7),
      };
    }
    at += 2 + length;
  }
  return undefined;
}

/**
 * What an uploaded logo is, told by its bytes (never by the declared media type alone), with the
 * limits of a logo: PNG or JPEG, at most `LOGO_MAX_BYTES`, sides within bounds. A ValidationError
 * naming `body` (or `content-type` when the declared type is another) otherwise.
 */
export function readLogoImage(bytes: Uint8Array, declaredType?: string): ImageInfo {
  const info = pngInfo(bytes) ?? jpegInfo(bytes);
  if (!info) {
    throw new ValidationError('The logo must be a PNG or JPEG image', [
      { path: 'body', message: 'Not a PNG or JPEG image' },
    ]);
  }
  const declared = declaredType === 'image/jpg' ? 'image/jpeg' : declaredType;
  if (declared !== undefined && declared !== info.contentType) {
    throw new ValidationError(`The image is ${info.contentType}, not ${declaredType}`, [
      { path: 'content-type', message: `Must be ${info.contentType} for this image` },
    ]);
  }
  const { width, height } = info;
  const sides = [width, height];
  if (
    sides.some((s) => s < LOGO_MIN_SIDE || s > LOGO_MAX_SIDE) ||
    width * height > LOGO_MAX_PIXELS
  ) {
    throw new ValidationError(
      `The logo is ${width} × ${height} px; each side must be ${LOGO_MIN_SIDE} to ${LOGO_MAX_SIDE} px and the whole at most ${LOGO_MAX_PIXELS / 1_000_000} megapixels`,
      [{ path: 'body', message: `${width} × ${height} px is outside the allowed size` }],
    );
  }
  return info;
}

/**
 * `tenants/<t>/branding/logo-<sha256>.<ext>`: tenant-scoped like every artifact, and addressed by
 * content, so a new logo never overwrites the bytes an earlier setting named.
 */
export const logoKey = (tenantId: string, sha256: string, type: LogoImageType) =>
  `tenants/${tenantId}/branding/logo-${sha256}.${type === 'image/png' ? 'png' : 'jpg'}`;

export interface LogoDeps {
  settings: SettingsRepository;
  artifacts: Pick<ArtifactStore, 'put'>;
  clock: Clock;
}

function atVersion(current: TenantSettings, expectedVersion: number | undefined) {
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw new PreconditionFailedError(
      `The settings are at version ${current.version}, not ${expectedVersion}`,
    );
  }
}

/**
 * Checks and stores the tenant's logo, then points the settings at it (a new version). The
 * invoice PDFs drawn from then on carry it; PDFs already stored keep the logo they were drawn with.
 */
export const setLogo =
  (deps: LogoDeps) =>
  async (
    tenantId: string,
    bytes: Uint8Array,
    declaredType: string | undefined,
    expectedVersion?: number,
  ): Promise<TenantSettings> => {
    const info = readLogoImage(bytes, declaredType);
    const current = await getSettings(deps)(tenantId);
    atVersion(current, expectedVersion);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const key = logoKey(tenantId, sha256, info.contentType);
    await deps.artifacts.put(key, bytes, info.contentType);
    const now = deps.clock.now().toISOString();
    const logo: TenantLogo = { ...info, key, sha256, size: bytes.length, uploadedAt: now };
    const next: TenantSettings = {
      ...current,
      branding: { ...current.branding, logo },
      version: current.version + 1,
      updatedAt: now,
    };
    await deps.settings.save(next);
    return next;
  };

/**
 * Stops printing the logo. Its bytes stay in the artifact store under the bucket's retention (it
 * keeps every object for the legal period); nothing names them any more.
 */
export const removeLogo =
  (deps: Pick<LogoDeps, 'settings' | 'clock'>) =>
  async (tenantId: string, expectedVersion?: number): Promise<TenantSettings> => {
    const current = await getSettings(deps)(tenantId);
    atVersion(current, expectedVersion);
    if (!current.branding?.logo) return current;
    const { logo: _logo, ...branding } = current.branding;
    const { branding: _branding, ...rest } = current;
    const next: TenantSettings = {
      ...rest,
      ...(Object.keys(branding).length ? { branding } : {}),
      version: current.version + 1,
      updatedAt: deps.clock.now().toISOString(),
    };
    await deps.settings.save(next);
    return next;
  };
