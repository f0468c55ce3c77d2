// The feed's history on the page: the catch-up on start and on every (re)connect, retried with backoff behind the
// banner, and older pages on demand ("Load more", infinite scroll, a new label filter).

import { ApiError } from "./api";
import { backoffDelay } from "./backoff";
import { HistoryLoader, type HistorySource } from "./history-loader";
import type { ImageRecord } from "./records";
import type { LoadMore } from "./ui/feed-tools";
import type { Banner, Toast } from "./ui/notices";

export interface HistorySyncView {
  loadMore: LoadMore;
  banner: Banner;
  toast: Toast;
}

/**
 * The change log behind changedSince is kept by a stream consumer apart from the pushes, and may trail them by
 * seconds: a change made while this tab was away can be pushed to the others before it is logged. So every catch-up
 * after the first page is repeated a few times, this long after it, to pick up what was not yet logged (cheap: the
 * merge drops what is known). That includes the socket's first open when the first page came before it: a change
 * made between that page and the open reached only the tabs already connected.
 */
export const settleDelaysMs: readonly number[] = [2_000, 5_000, 12_000];

export class HistorySync {
  private readonly loader: HistoryLoader;
  /** Until the first catch-up, records arrive as the page's starting state, not as news to announce. */
  private loaded = false;
  private run = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private settles: ReturnType<typeof setTimeout>[] = [];
  private failures = 0;
  private filterRun = 0;
  private filterRetry: ReturnType<typeof setTimeout> | null = null;

  constructor(
    source: HistorySource,
    labels: readonly string[],
    private readonly view: HistorySyncView,
    apply: (records: ImageRecord[], announce: boolean) => void,
    private readonly onCaughtUp: () => void,
  ) {
    this.loader = new HistoryLoader(source, (records) => apply(records, this.loaded), labels);
  }

  /** Live pushes move the catch-up point too. */
  note(records: readonly ImageRecord[]): void {
    this.loader.note(records);
  }

  /** Catch-up: on start and on every (re)connect; the merge drops what is already known. */
  async catchUp(): Promise<void> {
    const reconnect = this.loaded;
    await this.catchUpOnce();
    if (!reconnect) return;
    for (const timer of this.settles) clearTimeout(timer);
    this.settles = settleDelaysMs.map((delay) => setTimeout(() => void this.catchUpOnce(), delay));
  }

  private async catchUpOnce(): Promise<void> {
    const run = ++this.run;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    try {
      // The first time, the newest page; after that, every change since the newest one seen, page by page.
      // An older answer arriving after a newer one is harmless: the merge never moves backwards.
      await this.loader.catchUp();
      this.onCaughtUp();
      this.loaded = true;
      this.view.loadMore.setState(this.loader.done, false);
      this.failures = 0;
      this.view.banner.show(null);
    } catch (error) {
      // Only the latest catch-up reports and retries.
      if (run !== this.run) return;
      // Offline, the reconnect that follows the network's return catches up instead.
      if (navigator.onLine === false) return;
      const message = error instanceof ApiError ? error.message : "The feed's history could not be loaded.";
      this.view.banner.show(`${message} Retrying…`);
      const delay = backoffDelay(this.failures++);
      this.retry = setTimeout(() => void this.catchUpOnce(), delay);
    }
  }

  async loadMore(): Promise<void> {
    const loader = this.loader;
    if (loader.done || loader.busy) return;
    this.view.loadMore.setState(false, true);
    try {
      await loader.loadMore();
      this.view.loadMore.setState(loader.done, false);
      this.view.loadMore.checkAgain();
    } catch (error) {
      this.view.toast.show(error instanceof ApiError ? error.message : "More images could not be loaded.", "error");
      this.view.loadMore.setState(loader.done, false);
    }
  }

  /**
   * A new label filter: the listing starts again from the newest image that carries them. A refused filter says
   * why; a server that did not answer is asked again with backoff, behind the banner, until it does or the choice
   * changes (the cards shown meanwhile are only the matching ones already loaded).
   */
  setLabels(labels: readonly string[]): void {
    const run = ++this.filterRun;
    if (this.filterRetry) clearTimeout(this.filterRetry);
    this.filterRetry = null;
    void this.applyLabels(labels, run, 0);
  }

  private async applyLabels(labels: readonly string[], run: number, failures: number): Promise<void> {
    const loader = this.loader;
    try {
      await loader.setLabels(labels);
      if (run !== this.filterRun) return;
      this.view.loadMore.setState(loader.done, false);
      if (failures > 0) this.view.banner.show(null);
      this.view.loadMore.checkAgain();
    } catch (error) {
      if (run !== this.filterRun) return;
      this.view.loadMore.setState(loader.done, false);
      if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429) {
        this.view.toast.show(error.message, "error");
        return;
      }
      const message = error instanceof ApiError ? error.message : "The filter could not be applied.";
      this.view.banner.show(`${message} Retrying…`);
      this.filterRetry = setTimeout(() => void this.applyLabels(labels, run, failures + 1), backoffDelay(failures));
    }
  }
}
