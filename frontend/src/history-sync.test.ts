// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "./api";
import type { FeedPage, PageQuery } from "./feed-api";
import { HistorySync, settleDelaysMs } from "./history-sync";
import { record } from "./test-records";
import { LoadMore } from "./ui/feed-tools";
import { Banner, Toast } from "./ui/notices";
import { stampedPage } from "./ui/test-page";

afterEach(() => {
  vi.useRealTimers();
});

/** A history whose pages are the answers given, in order; an Error answer is thrown. */
function historySync(answers: (FeedPage | Error)[]) {
  const root = stampedPage();
  const queries: PageQuery[] = [];
  const applied: { ids: string[]; announce: boolean }[] = [];
  let caughtUp = 0;
  const view = { loadMore: new LoadMore(() => {}), banner: new Banner(root), toast: new Toast(root) };
  const sync = new HistorySync(
    {
      page: (query) => {
        queries.push(query);
        const answer = answers.shift() ?? { images: [], nextCursor: null };
        return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
      },
    },
    [],
    view,
    (records, announce) => applied.push({ ids: records.map((r) => r.imageId), announce }),
    () => (caughtUp += 1),
  );
  const banner = root.querySelector<HTMLElement>('[data-testid="banner"]');
  const toast = root.querySelector<HTMLElement>('[data-testid="toast"]');
  return { sync, queries, applied, banner, toast, view, caughtUp: () => caughtUp };
}

describe("HistorySync", () => {
  it("catchUp_FailsThenSucceeds_BannerSaysRetryingThenClears", async () => {
    vi.useFakeTimers();
    const { sync, banner, applied, caughtUp } = historySync([
      new ApiError("unavailable", "The server did not answer."),
      { images: [record({ imageId: "a" })], nextCursor: null },
    ]);
    await sync.catchUp();
    expect(banner?.hidden).toBe(false);
    expect(banner?.textContent).toBe("The server did not answer. Retrying…");
    await vi.advanceTimersByTimeAsync(31_000);
    expect(banner?.hidden).toBe(true);
    expect(caughtUp()).toBe(1);
    // The first page is the page's starting state, not news to announce.
    expect(applied).toEqual([{ ids: ["a"], announce: false }]);
  });

  it("catchUp_AfterFirstPage_AsksForChangesAndAnnounces", async () => {
    const { sync, queries, applied } = historySync([
      { images: [record({ imageId: "a", updatedAt: "2025-01-01T10:00:00Z" })], nextCursor: null },
      { images: [record({ imageId: "b", updatedAt: "2025-01-01T10:05:00Z" })], nextCursor: null },
    ]);
    await sync.catchUp();
    await sync.catchUp();
    expect(queries[1]?.changedSince).toBe("2025-01-01T09:59:00.000Z");
    expect(applied.at(-1)).toEqual({ ids: ["b"], announce: true });
  });

  it("loadMore_Fails_ToastAndButtonUsableAgain", async () => {
    const { sync, toast, view } = historySync([
      { images: [record({ imageId: "a" })], nextCursor: "next" },
      new Error("network"),
    ]);
    await sync.catchUp();
    await sync.loadMore();
    expect(toast?.textContent).toBe("More images could not be loaded.");
    expect(view.loadMore.element.hidden).toBe(false);
    expect(view.loadMore.element.querySelector("button")?.disabled).toBe(false);
  });

  it("setLabels_Refused_ToastSaysWhyAndAsksNoMore", async () => {
    vi.useFakeTimers();
    const { sync, toast, queries } = historySync([new ApiError("InvalidLabel", "That label filter is not valid.", 400)]);
    sync.setLabels(["Dog"]);
    await vi.waitFor(() => expect(toast?.textContent).toBe("That label filter is not valid."));
    expect(queries[0]?.labels).toEqual(["Dog"]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(queries).toHaveLength(1);
  });

  it("setLabels_ServerDidNotAnswer_BannerRetriesUntilTheFilteredPageIsShown", async () => {
    vi.useFakeTimers();
    const { sync, banner, queries, applied } = historySync([
      new ApiError("Network", "The feed's images could not be loaded: the server did not answer."),
      new ApiError("Http503", "The feed's images could not be loaded (HTTP 503).", 503),
      { images: [record({ imageId: "dog", status: "labeled" })], nextCursor: null },
    ]);
    sync.setLabels(["Dog"]);
    await vi.advanceTimersByTimeAsync(0);
    expect(banner?.textContent).toBe("The feed's images could not be loaded: the server did not answer. Retrying…");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(queries.map((query) => query.labels)).toEqual([["Dog"], ["Dog"], ["Dog"]]);
    expect(applied).toEqual([{ ids: ["dog"], announce: false }]);
    expect(banner?.hidden).toBe(true);
  });

  it("setLabels_NewChoiceWhileRetrying_TheOldChoiceIsNotAskedAgain", async () => {
    vi.useFakeTimers();
    const { sync, queries } = historySync([new ApiError("Network", "The server did not answer.")]);
    sync.setLabels(["Dog"]);
    await vi.advanceTimersByTimeAsync(0);
    sync.setLabels(["Cat"]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(queries.map((query) => query.labels)).toEqual([["Dog"], ["Cat"]]);
  });

  it("loadMore_PageDrawn_LoadMoreLooksAgainWhetherItIsStillInView", async () => {
    const { sync, view } = historySync([
      { images: [record({ imageId: "a" })], nextCursor: "next" },
      { images: [record({ imageId: "b" })], nextCursor: "later" },
    ]);
    const checkAgain = vi.spyOn(view.loadMore, "checkAgain");
    await sync.catchUp();
    await sync.loadMore();
    expect(checkAgain).toHaveBeenCalledTimes(1);
  });

  it("catchUp_Reconnect_RepeatsLaterAndPicksUpAChangeLoggedLate", async () => {
    vi.useFakeTimers();
    const { sync, queries, applied } = historySync([
      { images: [record({ imageId: "a", updatedAt: "2025-01-01T10:00:00Z" })], nextCursor: null },
      // The reconnect's catch-up: the change made while away is not logged yet.
      { images: [], nextCursor: null },
      { images: [record({ imageId: "b", status: "labeled", updatedAt: "2025-01-01T10:05:00Z" })], nextCursor: null },
    ]);
    await sync.catchUp();
    await sync.catchUp();
    expect(queries).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(applied.at(-1)).toEqual({ ids: ["b"], announce: true });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(queries).toHaveLength(2 + settleDelaysMs.length);
  });
});
