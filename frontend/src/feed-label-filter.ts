// The label filter's wiring: the chosen labels live in the URL, the bar shows the whole feed's counts (asked of the
// server, once per burst of changes), and choosing a label hands the new choice on so the listing reloads.

import type { FeedLabels } from "./feed-api";
import { carriesAll, labelsFromUrl, toggleLabel, urlWithLabels } from "./label-query";
import type { ImageRecord } from "./records";
import { LabelBar } from "./ui/label-bar";

export class FeedLabelFilter {
  readonly bar: LabelBar;
  private chosenLabels: string[] = labelsFromUrl(window.location.href);
  private counts: FeedLabels = { labels: [], images: 0 };
  private countsTimer: ReturnType<typeof setTimeout> | null = null;
  private loadCounts: (() => Promise<FeedLabels>) | null = null;

  constructor(private readonly onChoose: (labels: readonly string[]) => void) {
    this.bar = new LabelBar((label) => this.toggle(label));
  }

  get chosen(): readonly string[] {
    return this.chosenLabels;
  }

  /** Once the API is known, counts can be asked for. */
  connect(loadCounts: () => Promise<FeedLabels>): void {
    this.loadCounts = loadCounts;
  }

  /** Counts come from the server (the whole feed, not just the pages loaded); a burst of changes asks once. */
  refreshCounts(): void {
    if (this.countsTimer || !this.loadCounts) return;
    const loadCounts = this.loadCounts;
    this.countsTimer = setTimeout(() => {
      this.countsTimer = null;
      loadCounts()
        .then((counts) => {
          this.counts = counts;
          this.bar.render(counts, this.chosenLabels);
        })
        .catch(() => {
          // The bar keeps its last counts; the next change asks again.
        });
    }, 300);
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
