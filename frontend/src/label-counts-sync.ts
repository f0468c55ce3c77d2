// The label bar's counts come from the feed index, which a stream consumer keeps apart from the pushes: a push can
// arrive before its change is counted. So the page remembers the newest change it was pushed and, after asking for
// the counts, asks again with backoff until they say they include it ("indexedThrough"), a bounded number of times.

import type { FeedLabels } from "./feed-api";

export interface LabelCountsSyncOptions {
  /** Waits before each ask: the first after a change gathers a burst into one request; then backoff. */
  delays?: readonly number[];
  /** Asks per change at most, so an index that is down costs a few requests, not a loop. */
  maxAttempts?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
}

export class LabelCountsSync {
  private newestChange = 0;
  private attempt = 0;
  private timerPending = false;
  private readonly delays: readonly number[];
  private readonly maxAttempts: number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;

  constructor(
    private readonly fetchCounts: () => Promise<FeedLabels>,
    private readonly show: (counts: FeedLabels) => void,
    options: LabelCountsSyncOptions = {},
  ) {
    this.delays = options.delays ?? [300, 600, 1200, 2500, 5000];
    this.maxAttempts = options.maxAttempts ?? 20;
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  }

  /** A change that moves the counts was shown; `updatedAt` is its record's time (ISO). */
  changed(updatedAt: string): void {
    const at = Date.parse(updatedAt);
    if (Number.isFinite(at) && at > this.newestChange) this.newestChange = at;
    this.attempt = 0;
    this.schedule();
  }

  /** Asks once soon, whatever the mark (the first load, a new filter). */
  refresh(): void {
    this.attempt = 0;
    this.schedule();
  }

  private schedule(): void {
    if (this.timerPending) return;
    this.timerPending = true;
    const delay = this.delays[Math.min(this.attempt, this.delays.length - 1)] ?? 0;
    this.setTimer(() => {
      this.timerPending = false;
      void this.ask();
    }, delay);
  }

  private async ask(): Promise<void> {
    try {
      const counts = await this.fetchCounts();
      this.show(counts);
      if (caughtUp(counts, this.newestChange)) return;
    } catch {
      // The bar keeps its last counts; the next attempt (or change) asks again.
    }
    this.attempt += 1;
    if (this.attempt < this.maxAttempts) this.schedule();
  }
}

function caughtUp(counts: FeedLabels, newestChange: number): boolean {
  if (newestChange === 0) return true;
  const through = counts.indexedThrough === null ? Number.NaN : Date.parse(counts.indexedThrough);
  return Number.isFinite(through) && through >= newestChange;
}
