// The file's SHA-256 as S3's x-amz-checksum-sha256 wants it: base64 of the 32-byte digest, by Web Crypto.

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Null where Web Crypto is missing (an insecure origin): the upload then goes without a checksum. */
export async function sha256Base64(blob: Blob, subtle: SubtleCrypto | undefined = globalThis.crypto?.subtle): Promise<string | null> {
  if (!subtle) return null;
  const digest = await subtle.digest("SHA-256", await blob.arrayBuffer());
  return toBase64(new Uint8Array(digest));
}
