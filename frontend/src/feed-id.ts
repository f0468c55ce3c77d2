// The feed id: ?feed= in the URL, else the one this browser keeps, else a new random 128-bit id.
// It is a capability (whoever knows it sees the feed), so it is random and never guessable.

export const feedIdStorageKey = "imagelabelslive.feedId";
const feedIdPattern = /^[A-Za-z0-9_-]{16,64}$/;

/** Accepts what the API accepts: 16 to 64 base64url characters. */
export function isValidFeedId(value: string | null | undefined): value is string {
  return typeof value === "string" && feedIdPattern.test(value);
}

/** base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A new 128-bit id (22 base64url characters). */
export function newFeedId(fillRandom: (bytes: Uint8Array) => void): string {
  const bytes = new Uint8Array(16);
  fillRandom(bytes);
  return toBase64Url(bytes);
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface FeedIdSources {
  /** The page URL's query string, e.g. location.search. */
  search: string;
  /** localStorage, or null where storage is blocked. */
  storage: KeyValueStore | null;
  fillRandom: (bytes: Uint8Array) => void;
}

export type FeedIdOrigin = "url" | "storage" | "new";

export interface ResolvedFeedId {
  feedId: string;
  origin: FeedIdOrigin;
  /** True when ?feed= held something that is not a feed id (it was replaced). */
  rejectedFromUrl: boolean;
}

function readStorage(storage: KeyValueStore | null): string | null {
  try {
    return storage?.getItem(feedIdStorageKey) ?? null;
  } catch {
    return null;
  }
}

/**
 * Picks the feed id and remembers it, so every tab of this browser (and a shared link once
 * opened) lands on the same feed.
 */
export function resolveFeedId(sources: FeedIdSources): ResolvedFeedId {
  const fromUrl = new URLSearchParams(sources.search).get("feed");
  const rejectedFromUrl = fromUrl !== null && !isValidFeedId(fromUrl);
  let feedId: string;
  let origin: FeedIdOrigin;
  if (isValidFeedId(fromUrl)) {
    feedId = fromUrl;
    origin = "url";
  } else {
    const stored = readStorage(sources.storage);
    if (isValidFeedId(stored)) {
      feedId = stored;
      origin = "storage";
    } else {
      feedId = newFeedId(sources.fillRandom);
      origin = "new";
    }
  }
  try {
    sources.storage?.setItem(feedIdStorageKey, feedId);
  } catch {
    // Storage can be full or blocked; the URL still carries the id.
  }
  return { feedId, origin, rejectedFromUrl };
}

/** The page URL with ?feed= set, other parameters and the hash kept. */
export function feedUrl(href: string, feedId: string): string {
  const url = new URL(href);
  url.searchParams.set("feed", feedId);
  return url.href;
}
