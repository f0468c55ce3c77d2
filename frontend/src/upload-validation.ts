// Checks a file before anything is sent: JPEG or PNG (by declared type and by its first bytes),
// not empty, at most 15 MB (Rekognition's limit for an S3 object). Each rejection says why.

export const maxUploadBytes = 15 * 1024 * 1024;
/** How many leading bytes the magic-number check needs. */
export const sniffLength = 8;

export type UploadContentType = "image/jpeg" | "image/png";

export interface FileFacts {
  name: string;
  size: number;
  /** The browser's guess from the extension; often "" for unknown files. */
  type: string;
}

export type ValidationResult =
  | { ok: true; contentType: UploadContentType }
  | { ok: false; code: "EmptyFile" | "TooLarge" | "UnsupportedContentType" | "NotAnImage"; message: string };

const pngMagic = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const jpegMagic = [0xff, 0xd8, 0xff];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((value, index) => bytes[index] === value);
}

/** What the bytes really are, whatever the name says. */
export function sniffImageType(head: Uint8Array): UploadContentType | null {
  if (startsWith(head, pngMagic)) return "image/png";
  if (startsWith(head, jpegMagic)) return "image/jpeg";
  return null;
}

const declaredTypes = new Set(["image/jpeg", "image/jpg", "image/pjpeg", "image/png"]);
const imageExtension = /\.(jpe?g|jfif|png)$/i;

/** True when the name or browser type claims JPEG or PNG (cheap check before reading bytes). */
export function claimsSupportedType(file: FileFacts): boolean {
  const type = file.type.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type) return declaredTypes.has(type);
  return imageExtension.test(file.name);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function describeType(file: FileFacts): string {
  const type = file.type.trim();
  if (type) return type;
  const dot = file.name.lastIndexOf(".");
  return dot > 0 && dot < file.name.length - 1 ? `a .${file.name.slice(dot + 1).toLowerCase()} file` : "an unknown type";
}

/** Checks that need no bytes. Returns null when the file may go on to the magic-byte check. */
export function validateFacts(file: FileFacts): ValidationResult | null {
  if (!claimsSupportedType(file)) {
    return {
      ok: false,
      code: "UnsupportedContentType",
      message: `Only JPEG and PNG images can be labeled; this is ${describeType(file)}.`,
    };
  }
  if (file.size <= 0) {
    return { ok: false, code: "EmptyFile", message: "The file is empty (0 bytes)." };
  }
  if (file.size > maxUploadBytes) {
    return {
      ok: false,
      code: "TooLarge",
      message: `The file is ${formatBytes(file.size)}; the limit is 15 MB.`,
    };
  }
  return null;
}

/** The full check; `head` holds the file's first bytes (at least `sniffLength` when the file has them). */
export function validateUpload(file: FileFacts, head: Uint8Array): ValidationResult {
  const early = validateFacts(file);
  if (early) return early;
  const sniffed = sniffImageType(head);
  if (!sniffed) {
    return {
      ok: false,
      code: "NotAnImage",
      message: "Its name says image, but its contents are not a JPEG or PNG image.",
    };
  }
  // The bytes decide the Content-Type: a PNG named .jpg is still a fine PNG.
  return { ok: true, contentType: sniffed };
}

/** Reads the head of a browser File and validates it. */
export async function validateFile(file: File): Promise<ValidationResult> {
  const early = validateFacts(file);
  if (early) return early;
  const head = new Uint8Array(await file.slice(0, sniffLength).arrayBuffer());
  return validateUpload(file, head);
}
