import { describe, expect, it } from "vitest";
import { compareRecords, FeedRecords, isNewResult, mergeRecord } from "./feed-merge";
import { record, testFeedId } from "./test-records";

const cat = { name: "Cat", confidence: 90, parents: ["Animal"], instances: [] };

describe("mergeRecord", () => {
  it("mergeRecord_NoCurrent_ReturnsIncoming", () => {
    const incoming = record();
    expect(mergeRecord(undefined, incoming)).toBe(incoming);
  });

  it("mergeRecord_IncomingFurtherAlong_TakesIncoming", () => {
    const labeled = record({ status: "labeled", labels: [cat], updatedAt: "2025-01-01T10:00:03Z" });
    expect(mergeRecord(record({ status: "processing" }), labeled)).toBe(labeled);
  });

  it("mergeRecord_IncomingBehind_KeepsFurthestStatus", () => {
    // History fetched before the push landed answers with an older status: it must not win.
    const labeled = record({ status: "labeled", labels: [cat], updatedAt: "2025-01-01T10:00:03Z" });
    const stale = record({ status: "processing", updatedAt: "2025-01-01T10:00:09Z" });
    expect(mergeRecord(labeled, stale)).toBe(labeled);
  });

  it("mergeRecord_TwoDifferentFinalStatuses_FirstSeenStays", () => {
    const labeled = record({ status: "labeled" });
    expect(mergeRecord(labeled, record({ status: "failed" }))).toBe(labeled);
  });

  it("mergeRecord_SameStatus_LaterUpdateWins", () => {
    const older = record({ status: "processing", updatedAt: "2025-01-01T10:00:01Z" });
    const newer = record({ status: "processing", updatedAt: "2025-01-01T10:00:02Z" });
    expect(mergeRecord(older, newer)).toBe(newer);
    expect(mergeRecord(newer, older)).toBe(newer);
  });

  it("mergeRecord_KeptVersionLacksImageUrl_BorrowsItFromTheOther", () => {
    const withUrl = record({ status: "uploading", imageUrl: "https://example.test/a.png" });
    const merged = mergeRecord(withUrl, record({ status: "labeled" }));
    expect(merged.status).toBe("labeled");
    expect(merged.imageUrl).toBe("https://example.test/a.png");
  });
});

describe("compareRecords", () => {
  it("compareRecords_DifferentTimes_NewestFirst", () => {
    const older = record({ imageId: "b", createdAt: "2025-01-01T10:00:00Z" });
    const newer = record({ imageId: "a", createdAt: "2025-01-01T10:00:05Z" });
    expect([older, newer].sort(compareRecords).map((r) => r.imageId)).toEqual(["a", "b"]);
  });

  it("compareRecords_MixedFractionalSeconds_ComparesAsTimesNotText", () => {
    // As text "10:00:00Z" > "10:00:00.500Z"; as times it is the other way round.
    const whole = record({ imageId: "a", createdAt: "2025-01-01T10:00:00Z" });
    const later = record({ imageId: "b", createdAt: "2025-01-01T10:00:00.500Z" });
    expect([whole, later].sort(compareRecords).map((r) => r.imageId)).toEqual(["b", "a"]);
  });

  it("compareRecords_SameTime_OrdersByImageIdSoOrderIsStable", () => {
    const a = record({ imageId: "0001" });
    const b = record({ imageId: "0002" });
    expect([a, b].sort(compareRecords).map((r) => r.imageId)).toEqual(["0002", "0001"]);
    expect([b, a].sort(compareRecords).map((r) => r.imageId)).toEqual(["0002", "0001"]);
  });
});

describe("FeedRecords", () => {
  it("apply_HistoryThenLiveDuplicates_OneEntryPerImage", () => {
    const feed = new FeedRecords(testFeedId);
    feed.apply([record({ imageId: "1" }), record({ imageId: "2", createdAt: "2025-01-01T10:01:00Z" })]);
    feed.apply([record({ imageId: "1", status: "processing", updatedAt: "2025-01-01T10:00:02Z" })]);
    feed.apply([record({ imageId: "2" }), record({ imageId: "1" })]);
    expect(feed.size).toBe(2);
    expect(feed.list().map((r) => [r.imageId, r.status])).toEqual([
      ["2", "uploading"],
      ["1", "processing"],
    ]);
  });

  it("apply_SameRecordsInAnyOrder_SameResult", () => {
    const events = [
      record({ imageId: "x", status: "uploading" }),
      record({ imageId: "x", status: "processing", updatedAt: "2025-01-01T10:00:01Z" }),
      record({ imageId: "x", status: "labeled", labels: [cat], updatedAt: "2025-01-01T10:00:02Z" }),
      record({ imageId: "y", createdAt: "2025-01-01T09:00:00Z" }),
    ];
    const forward = new FeedRecords(testFeedId);
    forward.apply(events);
    const backward = new FeedRecords(testFeedId);
    backward.apply([...events].reverse());
    expect(backward.list()).toEqual(forward.list());
    expect(forward.get("x")?.status).toBe("labeled");
  });

  it("apply_RecordOfAnotherFeed_Ignored", () => {
    const feed = new FeedRecords(testFeedId);
    const changes = feed.apply([record({ feedId: "BBBBBBBBBBBBBBBBBBBBBB" })]);
    expect(changes).toEqual([]);
    expect(feed.size).toBe(0);
  });

  it("apply_RepeatOfKnownVersion_ReportsNoChange", () => {
    const feed = new FeedRecords(testFeedId);
    expect(feed.apply([record()])).toHaveLength(1);
    expect(feed.apply([record()])).toHaveLength(0);
    expect(feed.apply([record({ status: "processing", updatedAt: "2025-01-01T10:00:01Z" })])).toHaveLength(1);
  });

  it("isNewResult_TransitionIntoLabeled_True_RepeatFalse", () => {
    const feed = new FeedRecords(testFeedId);
    feed.apply([record({ status: "processing" })]);
    const [change] = feed.apply([record({ status: "labeled", labels: [cat], updatedAt: "2025-01-01T10:00:05Z" })]);
    expect(change && isNewResult(change)).toBe(true);
    const [progress] = new FeedRecords(testFeedId).apply([record({ status: "processing" })]);
    expect(progress && isNewResult(progress)).toBe(false);
  });
});
