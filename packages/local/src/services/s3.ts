import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import S3rver from 's3rver';
import { freePort } from './ports.ts';

/** s3rver (files on disk) on loopback, with the given buckets created. */
export async function startS3Local(options: {
  directory: string;
  buckets: string[];
  port?: number;
}) {
  mkdirSync(options.directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? (await freePort()),
    silent: true,
    directory: options.directory,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [] })),
  });
  replaceObjectsAtomically(server);
  const { port } = (await server.run()) as { port: number };
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => server.close() };
}

/** The parts of s3rver's file store (lib/stores/filesystem.js) a PUT goes through. */
interface FilesystemStore {
  getResourcePath(bucket: string, key: string, resource: string): string;
  putMetadata(bucket: string, key: string, metadata: unknown, md5?: string): Promise<void>;
  putObject(object: {
    bucket: string;
    key: string;
    content: Buffer | Readable;
    metadata: unknown;
  }): Promise<{ size: number; md5: string }>;
}

/**
 * S3 replaces an object atomically: a reader gets the old bytes or the new ones. s3rver truncates
 * the file in place and answers before the bytes are flushed, so a download racing an upload of
 * the same key (the post-issue step storing what a first download also stores) could serve a
 * truncated document. Here each file is written aside, flushed, then renamed over the old one.
 */
function replaceObjectsAtomically(server: S3rver): void {
  const store = (server as unknown as { store: FilesystemStore }).store;
  const aside = (path: string) => `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const replace = async (path: string, data: string | Buffer | Readable) => {
    const temporary = aside(path);
    try {
      if (typeof data === 'string' || Buffer.isBuffer(data)) await writeFile(temporary, data);
      else await pipeline(data, createWriteStream(temporary));
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  };
  const putMetadata = store.putMetadata.bind(store);
  store.putObject = async (object) => {
    const path = store.getResourcePath(object.bucket, object.key, 'object');
    await mkdir(dirname(path), { recursive: true });
    const md5 = createHash('md5');
    let size = 0;
    const content = Buffer.isBuffer(object.content)
      ? object.content
      : object.content.map((chunk: Buffer) => {
          md5.update(chunk);
          size += chunk.length;
          return chunk;
        });
    if (Buffer.isBuffer(content)) {
      md5.update(content);
      size = content.length;
    }
    await replace(path, content);
    const digest = md5.digest('hex');
    // The metadata files too: a reader parses them (content length, type) before the object.
    const metadataPath = store.getResourcePath(object.bucket, object.key, 'metadata.json');
    const md5Path = store.getResourcePath(object.bucket, object.key, 'object.md5');
    const staged = {
      bucket: object.bucket,
      key: `${object.key}.${randomBytes(6).toString('hex')}`,
    };
    await putMetadata(staged.bucket, staged.key, object.metadata, digest);
    await rename(store.getResourcePath(staged.bucket, staged.key, 'object.md5'), md5Path);
    await rename(store.getResourcePath(staged.bucket, staged.key, 'metadata.json'), metadataPath);
    return { size, md5: digest };
  };
}
