// The feed's history for the grid: pages on demand (scroll or "Load more"), optionally filtered by labels, and
// catch-up after a reconnect with changedSince, paging until done so a tab that missed any number of changes ends exact.

import type { FeedPage, PageQuery } from "./feed-api";
import type { ImageRecord } from "./records";

/** How far before the newest change seen a catch-up starts. */
export const catchUpMarginMs = 60_000;

export interface HistorySource {
  page(query: PageQuery): Promise<FeedPage>;
}

export class HistoryLoader {
  private cursor: string | null = null;
  private started = false;
  private loading: Promise<void> | null = null;
  private generation = 0;
  /** The newest updatedAt seen from the server: where a catch-up starts. */
  private newestChange: string | null = null;

  constructor(
    private readonly source: HistorySource,
    private readonly apply: (records: ImageRecord[]) => void,
    private labels: readonly string[] = [],
    private readonly pageSize = 50,
  ) {}

  /** True once every page of the current listing has been read. */
  get done(): boolean {
    return this.started && this.cursor === null;
  }

  get busy(): boolean {
    return this.loading !== null;
  }

  /** Switches the listing (a new label filter) and starts again from the newest. */
  setLabels(labels: readonly string[]): Promise<void> {
    this.labels = [...labels];
    this.generation += 1;
    this.cursor = null;
    this.started = false;
    this.loading = null;
    return this.loadMore();
  }

  /** Reads the next page, once at a time; a no-op when the listing is done. */
  loadMore(): Promise<void> {
    if (this.loading) return this.loading;
    if (this.done) return Promise.resolve();
    const generation = this.generation;
    const run = (async () => {
      try {
        const page = await this.source.page({ limit: this.pageSize, cursor: this.cursor, labels: this.labels });
        if (generation !== this.generation) return;
        this.note(page.images);
        // An empty feed still needs a point to catch up from: a while before now, as the server's clock may differ.
        this.newestChange ??= new Date(Date.now() - catchUpMarginMs).toISOString();
        this.cursor = page.nextCursor;
        this.started = true;
        this.apply(page.images);
      } finally {
        if (generation === this.generation) this.loading = null;
      }
    })();
    this.loading = run;
    return run;
  }

  /**
   * After a reconnect: every record changed since the newest change seen (deleted ones included), page by page
   * until the server has no more. Before any page has been read, it is the first page instead.
   */
  async catchUp(): Promise<number> {
    if (!this.newestChange) {
      await this.loadMore();
      return 0;
    }
    let cursor: string | null = null;
    let total = 0;
    // A margin: writes from several servers do not land in updatedAt order; seeing a record twice is harmless.
    const since = new Date(Date.parse(this.newestChange) - catchUpMarginMs).toISOString();
    do {
      const page: FeedPage = await this.source.page({ limit: 100, cursor, changedSince: since });
      this.note(page.images);
      this.apply(page.images);
      total += page.images.length;
      cursor = page.nextCursor;
    } while (cursor);
    return total;
  }

  /** Live pushes move the catch-up point too. */
  note(records: readonly ImageRecord[]): void {
    for (const record of records) {
      if (!this.newestChange || record.updatedAt > this.newestChange) this.newestChange = record.updatedAt;
    }
  }
}
