import { describe, expect, it } from "vitest";
import { maxUploadBytes, sniffImageType, validateFile, validateUpload } from "./upload-validation";

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]);
const text = new TextEncoder().encode("hello world");

describe("upload validation", () => {
  it("sniffImageType_MagicBytes_RecognisesPngAndJpegOnly", () => {
    expect(sniffImageType(png)).toBe("image/png");
    expect(sniffImageType(jpeg)).toBe("image/jpeg");
    expect(sniffImageType(text)).toBeNull();
    expect(sniffImageType(new Uint8Array([0xff, 0xd8]))).toBeNull();
  });

  it("validateUpload_Jpeg_Ok", () => {
    expect(validateUpload({ name: "a.jpg", size: 100, type: "image/jpeg" }, jpeg)).toEqual({ ok: true, contentType: "image/jpeg" });
  });

  it("validateUpload_PngNamedJpg_OkAsPng", () => {
    expect(validateUpload({ name: "cat.jpg", size: 100, type: "image/jpeg" }, png)).toEqual({ ok: true, contentType: "image/png" });
  });

  it("validateUpload_TextNamedJpg_RejectedByContents", () => {
    const result = validateUpload({ name: "notes.jpg", size: 11, type: "image/jpeg" }, text);
    expect(result).toMatchObject({ ok: false, code: "NotAnImage" });
  });

  it("validateUpload_OtherType_RejectedWithItsType", () => {
    const result = validateUpload({ name: "anim.gif", size: 10, type: "image/gif" }, text);
    expect(result).toMatchObject({ ok: false, code: "UnsupportedContentType" });
    expect(!result.ok && result.message).toContain("image/gif");
  });

  it("validateUpload_NoBrowserType_FallsBackToExtension", () => {
    expect(validateUpload({ name: "scan.PNG", size: 10, type: "" }, png)).toMatchObject({ ok: true });
    const result = validateUpload({ name: "report.pdf", size: 10, type: "" }, png);
    expect(result).toMatchObject({ ok: false, code: "UnsupportedContentType" });
    expect(!result.ok && result.message).toContain(".pdf");
  });

  it("validateUpload_Empty_Rejected", () => {
    expect(validateUpload({ name: "zero.jpg", size: 0, type: "image/jpeg" }, new Uint8Array())).toMatchObject({
      ok: false,
      code: "EmptyFile",
    });
  });

  it("validateUpload_SizeLimit_15MBAllowedOneByteMoreRejected", () => {
    expect(validateUpload({ name: "big.jpg", size: maxUploadBytes, type: "image/jpeg" }, jpeg)).toMatchObject({ ok: true });
    const result = validateUpload({ name: "big.jpg", size: maxUploadBytes + 1, type: "image/jpeg" }, jpeg);
    expect(result).toMatchObject({ ok: false, code: "TooLarge" });
    expect(!result.ok && result.message).toContain("15 MB");
  });

  it("validateFile_BrowserFile_ReadsOnlyTheHead", async () => {
    const file = new File([png, new Uint8Array(1000)], "x.png", { type: "image/png" });
    await expect(validateFile(file)).resolves.toEqual({ ok: true, contentType: "image/png" });
    const fake = new File([text], "fake.png", { type: "image/png" });
    await expect(validateFile(fake)).resolves.toMatchObject({ ok: false, code: "NotAnImage" });
  });
});
