// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { ApiError } from "../api";
import type { SubscriptionRequest } from "../subscriptions";
import { CardFocus, imageIdFromSearch } from "./card-focus";
import { SubscribeForm } from "./subscribe-form";

async function settle() {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

function form(answer: () => Promise<"PendingConfirmation" | "Subscribed">, labels: string[] = ["Dog", "<b>Cat</b>"]) {
  const sent: SubscriptionRequest[] = [];
  const view = new SubscribeForm({
    subscribe: (request) => {
      sent.push(request);
      return answer();
    },
    loadLabels: async () => labels,
  });
  document.body.replaceChildren(view.element);
  return { view, sent, root: view.element };
}

function q<T extends Element>(root: ParentNode, testId: string): T {
  return root.querySelector(`[data-testid="${testId}"]`) as T;
}

describe("SubscribeForm", () => {
  it("open_FeedLabels_ChipsAsText", async () => {
    const { root } = form(async () => "PendingConfirmation");

    root.open = true;
    root.dispatchEvent(new Event("toggle"));
    await settle();

    const chips = [...q<HTMLElement>(root, "subscribe-chips").querySelectorAll("button")];
    expect(chips.map((chip) => chip.textContent)).toEqual(["Dog", "<b>Cat</b>"]);
    expect(root.querySelector("b")).toBeNull();
  });

  it("submit_ChipAndFreeText_SendsThemThenSaysCheckYourInbox", async () => {
    const { root, sent } = form(async () => "PendingConfirmation");
    root.open = true;
    root.dispatchEvent(new Event("toggle"));
    await settle();
    (q<HTMLElement>(root, "subscribe-chips").querySelector("button") as HTMLButtonElement).click();
    q<HTMLInputElement>(root, "subscribe-email").value = " ann@example.com ";
    q<HTMLInputElement>(root, "subscribe-labels").value = "Person";

    root.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();

    expect(sent).toEqual([{ email: "ann@example.com", labels: ["Dog", "Person"] }]);
    const done = q<HTMLElement>(root, "subscribe-done");
    expect(done.hidden).toBe(false);
    expect(done.textContent).toContain("Check your inbox to confirm");
    expect(done.textContent).toContain("ann@example.com");
  });

  it("submit_BadAddress_ErrorAsTextAndNothingSent", async () => {
    const { root, sent } = form(async () => "PendingConfirmation");
    q<HTMLInputElement>(root, "subscribe-email").value = "not-an-address";

    root.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();

    expect(sent).toEqual([]);
    expect(q<HTMLElement>(root, "subscribe-error").hidden).toBe(false);
    expect(q<HTMLElement>(root, "subscribe-error").textContent).toMatch(/email address/);
  });

  it("submit_ServerRefuses_ItsSentenceShownAndFormKept", async () => {
    const { root } = form(async () => {
      throw new ApiError("TooManySubscriptions", "At most 5 <i>requests</i> an hour.", 429);
    });
    q<HTMLInputElement>(root, "subscribe-email").value = "ann@example.com";

    root.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();

    expect(q<HTMLElement>(root, "subscribe-error").textContent).toBe("At most 5 <i>requests</i> an hour.");
    expect(root.querySelector("i")).toBeNull();
    expect(root.querySelector("form")!.hidden).toBe(false);
    expect(q<HTMLElement>(root, "subscribe-done").hidden).toBe(true);
  });
});

describe("CardFocus", () => {
  it("imageIdFromSearch_OnlyPlausibleIds", () => {
    expect(imageIdFromSearch("?feed=f&image=01HABC-_x")).toBe("01HABC-_x");
    expect(imageIdFromSearch("?feed=f")).toBeNull();
    expect(imageIdFromSearch("?image=a\"b")).toBeNull();
  });

  it("apply_CardAppearsLater_FocusedAndMarkedOnce", () => {
    const grid = document.createElement("div");
    document.body.replaceChildren(grid);
    const focus = new CardFocus("img-2");

    expect(focus.apply(grid)).toBe(false);
    const other = document.createElement("article");
    other.dataset.imageId = "img-1";
    const card = document.createElement("article");
    card.dataset.imageId = "img-2";
    grid.append(other, card);

    expect(focus.apply(grid)).toBe(true);
    expect(card.classList.contains("is-linked")).toBe(true);
    expect(document.activeElement).toBe(card);
    expect(other.classList.contains("is-linked")).toBe(false);
  });
});
