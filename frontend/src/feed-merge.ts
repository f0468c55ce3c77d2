// Merges feed history (GET /feeds/{id}/images) and live pushes into one list: one entry per image,
// never moving backwards in status, in a stable order (newest first by createdAt, then imageId).

import type { ImageRecord, ImageStatus } from "./records";

// Deleted is after everything: once deleted, an image never comes back.
const statusRank: Record<ImageStatus, number> = { uploading: 0, processing: 1, labeled: 2, failed: 2, deleted: 3 };

function withImageUrl(record: ImageRecord, other: ImageRecord): ImageRecord {
  return record.imageUrl || !other.imageUrl ? record : { ...record, imageUrl: other.imageUrl };
}

/** The furthest-along of two versions of one image; ties go to the later update. */
export function mergeRecord(current: ImageRecord | undefined, incoming: ImageRecord): ImageRecord {
  if (!current) return incoming;
  const rankNow = statusRank[current.status];
  const rankNew = statusRank[incoming.status];
  if (rankNew > rankNow) return withImageUrl(incoming, current);
  if (rankNew < rankNow) return withImageUrl(current, incoming);
  // Two different final statuses cannot both be true; the first one seen stays.
  if (current.status !== incoming.status) return current;
  return timeValue(incoming.updatedAt) >= timeValue(current.updatedAt)
    ? withImageUrl(incoming, current)
    : withImageUrl(current, incoming);
}

function timeValue(iso: string): number {
  const parsed = Date.parse(iso);
  return Number.isNaN(parsed) ? 0 : parsed;
}

/** Newest first by createdAt, then by imageId (descending) so equal times still have one order. */
export function compareRecords(a: ImageRecord, b: ImageRecord): number {
  const byTime = timeValue(b.createdAt) - timeValue(a.createdAt);
  if (byTime !== 0) return byTime;
  return a.imageId < b.imageId ? 1 : a.imageId > b.imageId ? -1 : 0;
}

export interface RecordChange {
  record: ImageRecord;
  previous: ImageRecord | undefined;
}

function sameVersion(a: ImageRecord, b: ImageRecord): boolean {
  return (
    a.status === b.status &&
    a.updatedAt === b.updatedAt &&
    a.imageUrl === b.imageUrl &&
    a.labels.length === b.labels.length &&
    (a.error?.message ?? "") === (b.error?.message ?? "")
  );
}

/** The records of one feed. Records of another feed are ignored: the socket and API are per feed. */
export class FeedRecords {
  private readonly byId = new Map<string, ImageRecord>();
  private ordered: ImageRecord[] | null = [];

  constructor(readonly feedId: string) {}

  get size(): number {
    return this.byId.size;
  }

  get(imageId: string): ImageRecord | undefined {
    return this.byId.get(imageId);
  }

  /** Applies records in any order; returns only those whose shown state changed. */
  apply(records: Iterable<ImageRecord>): RecordChange[] {
    const changes: RecordChange[] = [];
    for (const incoming of records) {
      if (incoming.feedId !== this.feedId) continue;
      const previous = this.byId.get(incoming.imageId);
      const merged = mergeRecord(previous, incoming);
      if (previous && (merged === previous || sameVersion(previous, merged))) continue;
      this.byId.set(merged.imageId, merged);
      changes.push({ record: merged, previous });
    }
    if (changes.length > 0) this.ordered = null;
    return changes;
  }

  /** All records that are not deleted, newest first (a tombstone is kept only so it is never brought back). */
  list(): readonly ImageRecord[] {
    if (!this.ordered) this.ordered = [...this.byId.values()].filter((record) => record.status !== "deleted").sort(compareRecords);
    return this.ordered;
  }
}

/** True when this change is an image reaching a final status (worth announcing). */
export function isNewResult(change: RecordChange): boolean {
  const { record, previous } = change;
  const final = record.status === "labeled" || record.status === "failed";
  return final && (!previous || previous.status !== record.status);
}
