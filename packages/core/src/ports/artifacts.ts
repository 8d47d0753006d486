/** Where issued documents live (S3 in AWS, s3rver locally), under tenant-scoped keys. */
export interface ArtifactStore {
  /** Idempotent: writing the same key again replaces it with identical bytes. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<Uint8Array | undefined>;
}
