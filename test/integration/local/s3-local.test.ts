import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { s3Client } from '@sello/app/platform';
import { ENV } from '@sello/contracts';
import { describe, expect, it } from 'vitest';

const Bucket = process.env[ENV.artifactBucket]!;
const Key = `atomic/${Date.now()}/document.pdf`;
const filled = (char: string) => Buffer.alloc(3 * 1024 * 1024, char);
const put = (body: Buffer) =>
  s3Client().send(
    new PutObjectCommand({ Bucket, Key, Body: body, ContentType: 'application/pdf' }),
  );
const get = async () => {
  const out = await s3Client().send(new GetObjectCommand({ Bucket, Key }));
  return Buffer.from(await out.Body!.transformToByteArray());
};

describe('the local S3', () => {
  it('replaces an object atomically: a read racing a write gets the old bytes or the new', async () => {
    const [a, b] = [filled('a'), filled('b')];
    await put(a);
    const reads: Buffer[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        await put(i % 2 ? a : b);
        reads.push(await get(), await get());
      }),
    );
    for (const read of reads) {
      expect(read.length).toBe(a.length);
      expect(read.equals(a) || read.equals(b)).toBe(true);
    }
    const listed = await s3Client().send(
      new ListObjectsV2Command({ Bucket, Prefix: Key.split('/').slice(0, 2).join('/') }),
    );
    // Nothing staged aside is left over, or listed.
    expect((listed.Contents ?? []).map((o) => [o.Key, o.Size])).toEqual([[Key, a.length]]);
  });
});
