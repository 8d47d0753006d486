import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { readLogoImage } from './logo.ts';

/** A JPEG's head: SOI, the given segments, then a frame header of `marker` with the size. */
function jpeg(marker: number, width: number, height: number, before: number[][] = []) {
  const segment = (m: number, body: number[]) => [0xff, m, 0, body.length + 2, ...body];
  const frame = [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3];
  return new Uint8Array([
    0xff,
    0xd8,
    ...before.flatMap((b) => segment(b[0]!, b.slice(1))),
    ...segment(marker, frame),
  ]);
}

const pathsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.errors.map((e) => e.path);
    throw error;
  }
  return [];
};

describe('readLogoImage', () => {
  it('finds the frame of a JPEG after other segments, baseline or progressive', () => {
    const exif = [0xe1, ...Array.from({ length: 40 }, () => 0)];
    expect(readLogoImage(jpeg(0xc0, 640, 200, [[0xe0, 0x4a, 0x46], exif]))).toEqual({
      contentType: 'image/jpeg',
      width: 640,
      height: 200,
    });
    expect(readLogoImage(jpeg(0xc2, 300, 300), 'image/jpg').width).toBe(300);
  });

  it('does not take Huffman tables for a frame, nor a JPEG cut before its frame', () => {
    const dht = [0xc4, 0, 1, 2, 3];
    expect(readLogoImage(jpeg(0xc0, 100, 50, [dht])).height).toBe(50);
    expect(pathsOf(() => readLogoImage(jpeg(0xc0, 100, 50).subarray(0, 8)))).toEqual(['body']);
  });

  it('names the content type when the bytes are another image than declared', () => {
    expect(pathsOf(() => readLogoImage(jpeg(0xc0, 100, 50), 'image/png'))).toEqual([
      'content-type',
    ]);
  });

  it('refuses other formats and sizes out of bounds', () => {
    const gif = new TextEncoder().encode('GIF89a\x10\x00\x10\x00');
    expect(pathsOf(() => readLogoImage(gif))).toEqual(['body']);
    expect(pathsOf(() => readLogoImage(jpeg(0xc0, 15, 100)))).toEqual(['body']);
    expect(pathsOf(() => readLogoImage(jpeg(0xc0, 3001, 100)))).toEqual(['body']);
    expect(pathsOf(() => readLogoImage(jpeg(0xc0, 2001, 2000)))).toEqual(['body']);
    expect(pathsOf(() => readLogoImage(jpeg(0xc0, 3000, 1333)))).toEqual([]);
  });
});
