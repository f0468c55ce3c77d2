// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { Shell } from "./shell";
import { pageTemplate } from "./test-page";

function shell() {
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  const calls: string[] = [];
  const instance = new Shell(
    root,
    pageTemplate(),
    {
      onFiles: (files) => calls.push(`files:${files.length}`),
      onShare: () => calls.push("share"),
      onThreshold: (v) => calls.push(`threshold:${v}`),
      onRetryNow: () => calls.push("retry"),
    },
    40,
  );
  return { root, instance, calls };
}

describe("Shell", () => {
  it("setMailbox_Url_AddsLinkOpeningInNewTab", () => {
    const { root, instance } = shell();
    expect(root.querySelector('[data-testid="mailbox"]')).toBeNull();
    instance.setMailbox("http://127.0.0.1:1080/");
    const link = root.querySelector<HTMLAnchorElement>('[data-testid="mailbox"]');
    expect(link?.getAttribute("href")).toBe("http://127.0.0.1:1080/");
    expect(link?.getAttribute("rel")).toContain("noopener");
  });

  it("threshold_Input_ReportsValueAndShowsIt", () => {
    const { root, calls } = shell();
    const input = root.querySelector<HTMLInputElement>('[data-testid="threshold"]');
    expect(input?.value).toBe("40");
    input!.value = "75";
    input!.dispatchEvent(new Event("input"));
    expect(calls).toEqual(["threshold:75"]);
    expect(root.querySelector("output")?.textContent).toBe("≥ 75%");
  });

  it("setCount_Zero_ShowsEmptyStateOnly", () => {
    const { root, instance } = shell();
    instance.setCount(0);
    expect(root.querySelector<HTMLElement>('[data-testid="empty"]')?.hidden).toBe(false);
    instance.setCount(2);
    expect(root.querySelector<HTMLElement>('[data-testid="empty"]')?.hidden).toBe(true);
  });

  it("share_Click_HandedOver", () => {
    const { root, calls } = shell();
    root.querySelector<HTMLButtonElement>('[data-testid="share"]')?.click();
    expect(calls).toEqual(["share"]);
  });

  it("stamp_Template_NoIndentationTextAndIconsDrawn", () => {
    const { root } = shell();
    expect(root.querySelector(".hero-feed")?.textContent).toBe("Feed  · anyone with the link sees it");
    expect(root.querySelector(".section-title")?.textContent).toBe("Images");
    expect(root.querySelector("[data-icon]")).toBeNull();
    expect(root.querySelectorAll('[data-testid="share"] svg.icon path').length).toBeGreaterThan(0);
    expect(root.querySelector(".mailbox-slot")?.childNodes).toHaveLength(0);
  });
});
