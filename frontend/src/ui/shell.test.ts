// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { connectionShortText, connectionText, Shell } from "./shell";

function shell() {
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  const calls: string[] = [];
  const instance = new Shell(
    root,
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
  it("connectionText_States_ReadableWithCountdown", () => {
    expect(connectionText({ kind: "open" }, 0)).toBe("Live");
    expect(connectionText({ kind: "connecting", attempt: 0 }, 0)).toBe("Connecting…");
    expect(connectionText({ kind: "connecting", attempt: 2 }, 0)).toBe("Reconnecting…");
    expect(connectionText({ kind: "waiting", attempt: 1, retryAt: 4200 }, 1000)).toBe("Reconnecting in 4s");
    expect(connectionText({ kind: "offline" }, 0)).toBe("Offline");
    expect(connectionShortText({ kind: "waiting", attempt: 1, retryAt: 4200 })).toBe("Retrying");
  });

  it("setConnection_Waiting_ShowsRetryButtonThatRetries", () => {
    const { root, instance, calls } = shell();
    instance.setConnection({ kind: "waiting", attempt: 0, retryAt: 5000 }, 0);
    const retry = [...root.querySelectorAll("button")].find((b) => b.textContent === "Retry now");
    expect(retry?.hidden).toBe(false);
    retry?.click();
    expect(calls).toEqual(["retry"]);
    instance.setConnection({ kind: "open" }, 0);
    expect(retry?.hidden).toBe(true);
    expect(root.querySelector('[data-testid="connection"]')?.getAttribute("data-state")).toBe("open");
  });

  it("addNotices_NamesLikeHtml_ShownAsTextAndDismissable", () => {
    const { root, instance } = shell();
    instance.addNotices([{ fileName: "<script>x</script>.gif", message: "Only JPEG and PNG images can be labeled." }]);
    const notice = root.querySelector('[data-testid="notice"]');
    expect(notice?.querySelector(".notice-file")?.textContent).toBe("<script>x</script>.gif");
    expect(root.querySelector("script")).toBeNull();
    notice?.querySelector("button")?.click();
    expect(root.querySelectorAll('[data-testid="notice"]')).toHaveLength(0);
  });

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

  it("drop_FilesOnPage_HandedOverOnce", () => {
    const { calls } = shell();
    const file = new File([new Uint8Array([1])], "a.png", { type: "image/png" });
    const drop = new Event("drop", { bubbles: true, cancelable: true }) as DragEvent;
    Object.defineProperty(drop, "dataTransfer", { value: { files: [file, file], types: ["Files"] } });
    window.dispatchEvent(drop);
    expect(calls).toEqual(["files:2"]);
    expect(drop.defaultPrevented).toBe(true);
  });

  it("setCount_Zero_ShowsEmptyStateOnly", () => {
    const { root, instance } = shell();
    instance.setCount(0);
    expect(root.querySelector<HTMLElement>('[data-testid="empty"]')?.hidden).toBe(false);
    instance.setCount(2);
    expect(root.querySelector<HTMLElement>('[data-testid="empty"]')?.hidden).toBe(true);
  });
});
