// What the aria-live region says when results arrive, so that a screen reader hears them too.

import { filterLabels, formatConfidence } from "./label-filter";
import type { ImageRecord } from "./records";

/** One sentence for an image that reached a final status: its top labels, or why it failed. */
export function describeResult(record: ImageRecord, threshold: number): string {
  if (record.status === "failed") {
    const reason = record.error?.message?.trim().replace(/\.$/, "") || "it could not be labeled";
    return `${record.fileName} failed: ${reason}.`;
  }
  const top = filterLabels(record.labels, threshold).shown.slice(0, 3);
  if (top.length === 0) return `${record.fileName} is labeled: no labels found.`;
  return `${record.fileName} is labeled: ${top
    .map((item) => `${item.label.name} ${formatConfidence(item.label.confidence)}`)
    .join(", ")}.`;
}

/** Several results at once (a catch-up) are summed up rather than read out one by one. */
export function describeResults(records: readonly ImageRecord[], threshold: number): string | null {
  if (records.length === 0) return null;
  if (records.length <= 3) return records.map((record) => describeResult(record, threshold)).join(" ");
  const failed = records.filter((record) => record.status === "failed").length;
  const labeled = records.length - failed;
  const parts = [labeled > 0 ? `${labeled} labeled` : "", failed > 0 ? `${failed} failed` : ""].filter(Boolean);
  return `${records.length} new results: ${parts.join(", ")}.`;
}
