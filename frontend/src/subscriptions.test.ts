import { describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { checkSubscription, collectLabels, loadFeedLabels, subscribeToFeed } from "./subscriptions";

const feed = "AAAAAAAAAAAAAAAAAAAAAA";

function answering(status: number, body: unknown, calls: { url: string; init?: RequestInit }[] = []) {
  return async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return new Response(body === undefined ? "not json" : JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  };
}

describe("subscriptions", () => {
  it("checkSubscription_BadAddressOrTooManyLabels_ASentence", () => {
    expect(checkSubscription("ann@example.com", [])).toBeNull();
    expect(checkSubscription("nope", [])).toMatch(/email address/);
    expect(checkSubscription("ann@example", [])).toMatch(/email address/);
    expect(checkSubscription("ann@example.com", Array.from({ length: 11 }, (_, i) => `L${i}`))).toMatch(/at most 10/);
    expect(checkSubscription("ann@example.com", ["x".repeat(101)])).toMatch(/100 characters/);
  });

  it("collectLabels_ChipsAndFreeText_TrimmedUniqueCaseKept", () => {
    expect(collectLabels(["Dog"], " Person, Dog,, dog , ")).toEqual(["Dog", "Person", "dog"]);
  });

  it("subscribeToFeed_Accepted_PostsEmailAndLabelsToTheFeedsSubscriptions", async () => {
    const calls: { url: string; init?: RequestInit }[] = [];

    const status = await subscribeToFeed(answering(202, { status: "PendingConfirmation" }, calls), "http://api", feed, { email: "ann@example.com", labels: ["Dog"] });

    expect(status).toBe("PendingConfirmation");
    expect(calls[0]?.url).toBe(`http://api/feeds/${feed}/subscriptions`);
    expect(calls[0]?.init?.method).toBe("POST");
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ email: "ann@example.com", labels: ["Dog"] });
  });

  it("subscribeToFeed_NoLabels_SendsNoLabelsKey", async () => {
    const calls: { url: string; init?: RequestInit }[] = [];

    await subscribeToFeed(answering(202, { status: "PendingConfirmation" }, calls), "http://api", feed, { email: "ann@example.com", labels: [] });

    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ email: "ann@example.com" });
  });

  it("subscribeToFeed_ServerRefuses_ErrorCarriesTheServersSentence", async () => {
    const refused = subscribeToFeed(
      answering(429, { error: { code: "TooManySubscriptions", message: "At most 5 subscription requests an hour." } }),
      "http://api", feed, { email: "ann@example.com", labels: [] });

    await expect(refused).rejects.toMatchObject({ code: "TooManySubscriptions", status: 429, message: "At most 5 subscription requests an hour." });
  });

  it("subscribeToFeed_NetworkDown_ApiErrorSaysTryAgain", async () => {
    const refused = subscribeToFeed(async () => { throw new TypeError("fetch failed"); }, "http://api", feed, { email: "a@b.co", labels: [] });

    await expect(refused).rejects.toBeInstanceOf(ApiError);
    await expect(refused).rejects.toMatchObject({ code: "Network" });
  });

  it("loadFeedLabels_EndpointAnswers_NamesInOrder", async () => {
    const names = await loadFeedLabels(answering(200, { labels: [{ name: "Dog", count: 3 }, { name: "Person", count: 1 }, { nope: 1 }], images: 4 }), "http://api", feed);

    expect(names).toEqual(["Dog", "Person"]);
  });

  it("loadFeedLabels_EndpointAbsentOrBroken_NoChips", async () => {
    expect(await loadFeedLabels(answering(404, { message: "Not Found" }), "http://api", feed)).toEqual([]);
    expect(await loadFeedLabels(answering(200, undefined), "http://api", feed)).toEqual([]);
    expect(await loadFeedLabels(async () => { throw new TypeError("down"); }, "http://api", feed)).toEqual([]);
  });
});
