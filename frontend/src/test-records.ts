// Builders for unit tests: a valid ImageRecord with overrides.

import type { ImageRecord } from "./records";

export const testFeedId = "AAAAAAAAAAAAAAAAAAAAAA";

export function record(overrides: Partial<ImageRecord> = {}): ImageRecord {
  return {
    imageId: "0190f0a0b0c0d0e0f000000000000001",
    feedId: testFeedId,
    fileName: "cat.png",
    contentType: "image/png",
    size: 1234,
    status: "uploading",
    labels: [],
    error: null,
    createdAt: "2025-01-01T10:00:00Z",
    updatedAt: "2025-01-01T10:00:00Z",
    ...overrides,
  };
}
