import { describe, expect, it } from "vitest";
import type { FeedLabels } from "./feed-api";
import { LabelCountsSync } from "./label-counts-sync";

/** Timers run when the test says so, in order. */
function manualTimers() {
  const queue: { run: () => void; ms: number }[] = [];
  return {
    setTimer: (run: () => void, ms: number) => queue.push({ run, ms }),
    delays: () => queue.map((timer) => timer.ms),
    async next(): Promise<void> {
      const timer = queue.shift();
      if (!timer) throw new Error("no timer is pending");
      timer.run();
      // Let the fetch's promise chain settle.
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
    get pending() {
      return queue.length;
    },
  };
}

const counts = (indexedThrough: string | null, dogs = 1): FeedLabels => ({ labels: [{ name: "Dog", count: dogs }], images: dogs, indexedThrough });

describe("LabelCountsSync", () => {
  it("changed_IndexBehindThePush_AsksAgainWithBackoffUntilTheCountsIncludeIt", async () => {
    const timers = manualTimers();
    const answers = [counts("2026-12-07T10:00:00.000Z", 1), counts("2026-12-07T10:00:00.000Z", 1), counts("2026-12-07T10:00:05.000Z", 0)];
    const shown: FeedLabels[] = [];
    const sync = new LabelCountsSync(async () => answers.shift()!, (c) => shown.push(c), { delays: [300, 600, 1200], setTimer: timers.setTimer });

    sync.changed("2026-12-07T10:00:05.000Z");
    await timers.next();
    await timers.next();
    await timers.next();

    expect(shown.map((c) => c.labels[0]?.count)).toEqual([1, 1, 0]);
    expect(timers.pending).toBe(0);
  });

  it("changed_BurstOfChanges_AsksOnce", async () => {
    const timers = manualTimers();
    let asked = 0;
    const sync = new LabelCountsSync(async () => (asked++, counts("2026-12-07T10:00:09.000Z")), () => {}, { setTimer: timers.setTimer });

    sync.changed("2026-12-07T10:00:01.000Z");
    sync.changed("2026-12-07T10:00:02.000Z");
    sync.changed("2026-12-07T10:00:03.000Z");
    expect(timers.pending).toBe(1);
    await timers.next();

    expect(asked).toBe(1);
    expect(timers.pending).toBe(0);
  });

  it("changed_IndexNeverCatchesUp_StopsAfterMaxAttempts", async () => {
    const timers = manualTimers();
    let asked = 0;
    const sync = new LabelCountsSync(async () => (asked++, counts(null)), () => {}, { delays: [1, 2], maxAttempts: 4, setTimer: timers.setTimer });

    sync.changed("2026-12-07T10:00:01.000Z");
    while (timers.pending > 0) await timers.next();

    expect(asked).toBe(4);
  });

  it("refresh_NoChangeSeen_AsksOnceWhateverTheMark", async () => {
    const timers = manualTimers();
    let asked = 0;
    const sync = new LabelCountsSync(async () => (asked++, counts(null)), () => {}, { setTimer: timers.setTimer });

    sync.refresh();
    while (timers.pending > 0) await timers.next();

    expect(asked).toBe(1);
  });

  it("changed_FetchFails_KeepsTheLastCountsAndRetries", async () => {
    const timers = manualTimers();
    const shown: FeedLabels[] = [];
    let asked = 0;
    const sync = new LabelCountsSync(
      async () => {
        asked++;
        if (asked === 1) throw new Error("offline");
        return counts("2026-12-07T10:00:01.000Z");
      },
      (c) => shown.push(c),
      { setTimer: timers.setTimer },
    );

    sync.changed("2026-12-07T10:00:01.000Z");
    await timers.next();
    expect(shown).toEqual([]);
    await timers.next();

    expect(shown).toHaveLength(1);
    expect(timers.pending).toBe(0);
  });
});
