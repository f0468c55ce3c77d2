import { describe, expect, it } from "vitest";
import { feedIdStorageKey, feedUrl, isValidFeedId, newFeedId, resolveFeedId, toBase64Url, type KeyValueStore } from "./feed-id";

class MemoryStore implements KeyValueStore {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

const fillWith = (value: number) => (bytes: Uint8Array) => bytes.fill(value);
const valid = "Zm9vYmFyYmF6cXV4MTIzNA";

describe("feed id", () => {
  it("newFeedId_128Bits_Is22Base64UrlCharacters", () => {
    const id = newFeedId(fillWith(0xfb));
    expect(id).toBe("-_v7-_v7-_v7-_v7-_v7-w");
    expect(id).toHaveLength(22);
    expect(isValidFeedId(id)).toBe(true);
  });

  it("newFeedId_UsesTheRandomSource", () => {
    expect(newFeedId(fillWith(1))).not.toBe(newFeedId(fillWith(2)));
  });

  it("toBase64Url_NoPaddingNoPlusNoSlash", () => {
    expect(toBase64Url(new Uint8Array([0xfb, 0xff]))).toBe("-_8");
  });

  it("isValidFeedId_Bounds_16To64Base64Url", () => {
    expect(isValidFeedId("a".repeat(16))).toBe(true);
    expect(isValidFeedId("a".repeat(15))).toBe(false);
    expect(isValidFeedId("a".repeat(64))).toBe(true);
    expect(isValidFeedId("a".repeat(65))).toBe(false);
    expect(isValidFeedId("abc/def+ghijklmnop")).toBe(false);
    expect(isValidFeedId(null)).toBe(false);
  });

  it("resolveFeedId_UrlHasFeed_UsesItAndRemembersIt", () => {
    const storage = new MemoryStore();
    storage.setItem(feedIdStorageKey, "b".repeat(22));
    const resolved = resolveFeedId({ search: `?feed=${valid}&x=1`, storage, fillRandom: fillWith(7) });
    expect(resolved).toEqual({ feedId: valid, origin: "url", rejectedFromUrl: false });
    expect(storage.getItem(feedIdStorageKey)).toBe(valid);
  });

  it("resolveFeedId_NoUrlFeed_UsesStoredOne", () => {
    const storage = new MemoryStore();
    storage.setItem(feedIdStorageKey, valid);
    expect(resolveFeedId({ search: "", storage, fillRandom: fillWith(7) })).toMatchObject({ feedId: valid, origin: "storage" });
  });

  it("resolveFeedId_NothingKnown_MakesNewAndStoresIt", () => {
    const storage = new MemoryStore();
    const resolved = resolveFeedId({ search: "", storage, fillRandom: fillWith(7) });
    expect(resolved.origin).toBe("new");
    expect(storage.getItem(feedIdStorageKey)).toBe(resolved.feedId);
    // A second tab of the same browser lands on the same feed.
    expect(resolveFeedId({ search: "", storage, fillRandom: fillWith(9) }).feedId).toBe(resolved.feedId);
  });

  it("resolveFeedId_InvalidUrlFeed_RejectedAndFallsBack", () => {
    const storage = new MemoryStore();
    storage.setItem(feedIdStorageKey, valid);
    const resolved = resolveFeedId({ search: "?feed=%3Cscript%3E", storage, fillRandom: fillWith(7) });
    expect(resolved).toEqual({ feedId: valid, origin: "storage", rejectedFromUrl: true });
  });

  it("resolveFeedId_StorageBlocked_StillGivesAnId", () => {
    const throwing: KeyValueStore = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("SecurityError");
      },
    };
    expect(isValidFeedId(resolveFeedId({ search: "", storage: throwing, fillRandom: fillWith(3) }).feedId)).toBe(true);
    expect(resolveFeedId({ search: "", storage: null, fillRandom: fillWith(3) }).origin).toBe("new");
  });

  it("feedUrl_KeepsOtherParametersAndHash", () => {
    expect(feedUrl("https://app.test/?x=1#top", valid)).toBe(`https://app.test/?x=1&feed=${valid}#top`);
    expect(feedUrl(`https://app.test/?feed=old`, valid)).toBe(`https://app.test/?feed=${valid}`);
  });
});
