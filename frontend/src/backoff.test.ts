import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff";

const options = (random: number) => ({ baseMs: 1000, maxMs: 30_000, random: () => random });

describe("backoffDelay", () => {
  it("backoffDelay_GrowingAttempts_DoublesUntilTheCap", () => {
    const delays = [0, 1, 2, 3, 4, 5, 6, 10].map((attempt) => backoffDelay(attempt, options(1)));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it("backoffDelay_Jitter_StaysBetweenHalfAndFullStep", () => {
    expect(backoffDelay(3, options(0))).toBe(4000);
    expect(backoffDelay(3, options(0.5))).toBe(6000);
    expect(backoffDelay(3, options(0.999))).toBeLessThanOrEqual(8000);
  });

  it("backoffDelay_RandomSpreads_TabsDoNotRetryTogether", () => {
    const spread = new Set([0.1, 0.3, 0.6, 0.9].map((r) => backoffDelay(2, options(r))));
    expect(spread.size).toBe(4);
  });

  it("backoffDelay_HugeOrNegativeAttempt_StaysFinite", () => {
    expect(backoffDelay(10_000, options(1))).toBe(30_000);
    expect(backoffDelay(-3, options(1))).toBe(1000);
  });
});
