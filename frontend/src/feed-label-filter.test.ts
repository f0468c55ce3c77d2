// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FeedLabelFilter } from "./feed-label-filter";
import { record } from "./test-records";

const labeled = (...names: string[]) =>
  record({ status: "labeled", labels: names.map((name) => ({ name, confidence: 90, instances: [], parents: [] })) });

beforeEach(() => {
  window.history.replaceState(null, "", "/?feed=AAAAAAAAAAAAAAAAAAAAAA&label=Dog");
});

afterEach(() => {
  vi.useRealTimers();
});

describe("FeedLabelFilter", () => {
  it("shows_LabelsFromUrl_OnlyLabeledImagesCarryingAll", () => {
    const filter = new FeedLabelFilter(() => {});
    expect(filter.chosen).toEqual(["Dog"]);
    expect(filter.shows(labeled("dog", "Person"))).toBe(true);
    expect(filter.shows(labeled("Cat"))).toBe(false);
    expect(filter.shows(record({ status: "uploading" }))).toBe(false);
  });

  it("refreshCounts_Burst_AsksOnceAndDrawsChips", async () => {
    vi.useFakeTimers();
    const filter = new FeedLabelFilter(() => {});
    const loadCounts = vi.fn(() => Promise.resolve({ labels: [{ name: "Dog", count: 2 }], images: 2, indexedThrough: null }));
    filter.connect(loadCounts);
    filter.refreshCounts();
    filter.refreshCounts();
    await vi.advanceTimersByTimeAsync(300);
    expect(loadCounts).toHaveBeenCalledTimes(1);
    expect(filter.bar.element.querySelector('.chip[data-label="Dog"]')?.getAttribute("data-count")).toBe("2");
  });

  it("chipClick_Unchoose_UrlAndChoiceHandedOn", async () => {
    vi.useFakeTimers();
    const choices: (readonly string[])[] = [];
    const filter = new FeedLabelFilter((labels) => choices.push([...labels]));
    filter.connect(() => Promise.resolve({ labels: [{ name: "Dog", count: 2 }], images: 2, indexedThrough: null }));
    filter.refreshCounts();
    await vi.advanceTimersByTimeAsync(300);
    filter.bar.element.querySelector<HTMLButtonElement>('.chip[data-label="Dog"]')?.click();
    expect(choices).toEqual([[]]);
    expect(new URL(window.location.href).searchParams.getAll("label")).toEqual([]);
    expect(filter.shows(labeled("Cat"))).toBe(true);
  });

  it("countChanged_DeletionPushedBeforeTheIndexCountedIt_AsksAgainUntilTheCountsInclude", async () => {
    vi.useFakeTimers();
    const filter = new FeedLabelFilter(() => {});
    const answers = [
      { labels: [{ name: "Dog", count: 2 }], images: 2, indexedThrough: "2026-12-07T10:00:00.000Z" },
      { labels: [{ name: "Dog", count: 1 }], images: 1, indexedThrough: "2026-12-07T10:00:05.000Z" },
    ];
    const loadCounts = vi.fn(() => Promise.resolve(answers.shift()!));
    filter.connect(loadCounts);
    filter.countChanged(record({ status: "deleted", updatedAt: "2026-12-07T10:00:05.000Z" }));
    await vi.advanceTimersByTimeAsync(300);
    expect(filter.bar.element.querySelector('.chip[data-label="Dog"]')?.getAttribute("data-count")).toBe("2");
    await vi.advanceTimersByTimeAsync(600);
    expect(loadCounts).toHaveBeenCalledTimes(2);
    expect(filter.bar.element.querySelector('.chip[data-label="Dog"]')?.getAttribute("data-count")).toBe("1");
    await vi.advanceTimersByTimeAsync(10_000);
    expect(loadCounts).toHaveBeenCalledTimes(2);
  });
});
