import { describe, expect, it } from "vitest";
import { buildCards, cardStatus, staleUploadMs } from "./cards";
import { record } from "./test-records";
import type { LocalUpload } from "./uploads";

function upload(overrides: Partial<LocalUpload> = {}): LocalUpload {
  return {
    localId: "u1",
    fileName: "mine.jpg",
    size: 1000,
    contentType: "image/jpeg",
    previewUrl: "blob:http://app.test/1",
    phase: "uploading",
    loaded: 250,
    total: 1000,
    imageId: null,
    error: null,
    startedAt: 1000,
    ...overrides,
  };
}

const now = Date.parse("2025-01-01T10:01:00Z");

describe("buildCards", () => {
  it("buildCards_UploadNotYetInFeed_ComesFirst", () => {
    const cards = buildCards([record({ imageId: "r1" })], [upload()]);
    expect(cards.map((c) => c.key)).toEqual(["local-u1", "image-r1"]);
  });

  it("buildCards_PushArrivesBeforeUploadKnowsItsId_StillOneCardOnceLinked", () => {
    const pushed = record({ imageId: "abc" });
    // The push came first: two cards for a moment, one from the feed, one local …
    expect(buildCards([pushed], [upload()])).toHaveLength(2);
    // … and once the API answered with the id, they are one card with the upload's key.
    const cards = buildCards([pushed], [upload({ imageId: "abc" })]);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ key: "local-u1", record: pushed });
  });

  it("buildCards_PushBeatsApiAnswer_MatchingRecordJoinsTheUploadsCard", () => {
    const pushed = record({ imageId: "abc", fileName: "mine.jpg", size: 1000, contentType: "image/jpeg" });
    const requesting = upload({ phase: "requesting", loaded: 0 });
    const cards = buildCards([pushed, record({ imageId: "other", fileName: "theirs.jpg", createdAt: "2025-01-01T09:00:00Z" })], [requesting]);
    expect(cards.map((c) => c.key)).toEqual(["local-u1", "image-other"]);
    expect(cards[0]?.record).toBe(pushed);
  });

  it("buildCards_LookalikeRecordAlreadyClaimed_NotTakenTwice", () => {
    const pushed = record({ imageId: "abc", fileName: "mine.jpg", size: 1000, contentType: "image/jpeg" });
    const done = upload({ localId: "u1", phase: "uploaded", imageId: "abc" });
    const another = upload({ localId: "u2", phase: "requesting", startedAt: 2000 });
    const cards = buildCards([pushed], [done, another]);
    expect(cards.map((c) => c.key)).toEqual(["local-u2", "local-u1"]);
    expect(cards[0]?.record).toBeNull();
  });

  it("buildCards_DifferentSize_NotTakenForTheUpload", () => {
    const pushed = record({ imageId: "abc", fileName: "mine.jpg", size: 999, contentType: "image/jpeg" });
    expect(buildCards([pushed], [upload({ phase: "requesting" })])).toHaveLength(2);
  });

  it("buildCards_RecordsInFeedOrder", () => {
    const cards = buildCards(
      [record({ imageId: "old", createdAt: "2025-01-01T09:00:00Z" }), record({ imageId: "new", createdAt: "2025-01-01T11:00:00Z" })],
      [],
    );
    expect(cards.map((c) => c.key)).toEqual(["image-new", "image-old"]);
  });
});

describe("cardStatus", () => {
  it("cardStatus_UploadingBytes_ShowsPercentAndProgress", () => {
    expect(cardStatus({ key: "k", record: null, upload: upload() }, now)).toMatchObject({
      state: "uploading",
      text: "Uploading 25%",
      progress: 0.25,
    });
  });

  it("cardStatus_RecordFurtherThanUpload_RecordWins", () => {
    const status = cardStatus(
      { key: "k", record: record({ status: "labeled" }), upload: upload({ phase: "uploaded", imageId: "x" }) },
      now,
    );
    expect(status.state).toBe("labeled");
  });

  it("cardStatus_Failed_ShowsServerReason", () => {
    const status = cardStatus(
      { key: "k", record: record({ status: "failed", error: { code: "InvalidImageFormat", message: "Not a picture." } }), upload: null },
      now,
    );
    expect(status).toMatchObject({ state: "failed", detail: "Not a picture." });
  });

  it("cardStatus_UploadFailed_ShowsClientReason", () => {
    const status = cardStatus({ key: "k", record: null, upload: upload({ phase: "failed", error: "Network down." }) }, now);
    expect(status).toMatchObject({ state: "failed", detail: "Network down." });
  });

  it("cardStatus_OtherTabsUploadingRecord_UploadingUntilStale", () => {
    const fresh = record({ createdAt: "2025-01-01T10:00:00Z" });
    expect(cardStatus({ key: "k", record: fresh, upload: null }, now).state).toBe("uploading");
    const later = Date.parse(fresh.createdAt) + staleUploadMs + 1;
    expect(cardStatus({ key: "k", record: fresh, upload: null }, later).state).toBe("stale");
  });

  it("cardStatus_Canceled_Muted", () => {
    expect(cardStatus({ key: "k", record: record(), upload: upload({ phase: "canceled", imageId: "x" }) }, now)).toMatchObject({
      state: "canceled",
      tone: "muted",
    });
  });
});
