// The label filter's wiring: the chosen labels live in the URL, the bar shows the whole feed's counts (asked of the
// server once per burst of changes, and again until they include the newest change; see LabelCountsSync), and
// choosing a label hands the new choice on so the listing reloads.

import type { FeedLabels } from "./feed-api";
import { LabelCountsSync } from "./label-counts-sync";
import { carriesAll, labelsFromUrl, toggleLabel, urlWithLabels } from "./label-query";
import type { ImageRecord } from "./records";
import { LabelBar } from "./ui/label-bar";

export class FeedLabelFilter {
  readonly bar: LabelBar;
  private chosenLabels: string[] = labelsFromUrl(window.location.href);
  private counts: FeedLabels = { labels: [], images: 0, indexedThrough: null };
  private sync: LabelCountsSync | null = null;

  constructor(private readonly onChoose: (labels: readonly string[]) => void) {
    this.bar = new LabelBar((label) => this.toggle(label));
  }

  get chosen(): readonly string[] {
    return this.chosenLabels;
  }

  /** Once the API is known, counts can be asked for. */
  connect(loadCounts: () => Promise<FeedLabels>): void {
    this.sync = new LabelCountsSync(loadCounts, (counts) => {
      this.counts = counts;
      this.bar.render(counts, this.chosenLabels);
    });
  }

  /** Counts come from the server (the whole feed, not just the pages loaded); a burst of asks is one request. */
  refreshCounts(): void {
    this.sync?.refresh();
  }

  /** A result or a deletion was shown; the counts are asked for until they include it. */
  countChanged(record: ImageRecord): void {
    if (record.status === "labeled" || record.status === "deleted") this.sync?.changed(record.updatedAt);
  }

  /** With labels chosen, only labeled images that carry every one of them. */
  shows(record: ImageRecord): boolean {
    const chosen = this.chosenLabels;
    return chosen.length === 0 || (record.status === "labeled" && carriesAll(record.labels.map((label) => label.name), chosen));
  }

  private toggle(label: string): void {
    this.chosenLabels = toggleLabel(this.chosenLabels, label);
    window.history.replaceState(window.history.state, "", urlWithLabels(window.location.href, this.chosenLabels));
    this.bar.render(this.counts, this.chosenLabels);
    this.onChoose(this.chosenLabels);
  }
}
