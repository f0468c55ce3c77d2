// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { ConnectionBadge, connectionShortText, connectionText } from "./connection-badge";
import { stampedPage } from "./test-page";

describe("ConnectionBadge", () => {
  it("connectionText_States_ReadableWithCountdown", () => {
    expect(connectionText({ kind: "open" }, 0)).toBe("Live");
    expect(connectionText({ kind: "connecting", attempt: 0 }, 0)).toBe("Connecting…");
    expect(connectionText({ kind: "connecting", attempt: 2 }, 0)).toBe("Reconnecting…");
    expect(connectionText({ kind: "waiting", attempt: 1, retryAt: 4200 }, 1000)).toBe("Reconnecting in 4s");
    expect(connectionText({ kind: "offline" }, 0)).toBe("Offline");
    expect(connectionShortText({ kind: "waiting", attempt: 1, retryAt: 4200 })).toBe("Retrying");
  });

  it("setConnection_Waiting_ShowsRetryButtonThatRetries", () => {
    const root = stampedPage();
    const calls: string[] = [];
    const badge = new ConnectionBadge(root, () => calls.push("retry"));
    badge.show({ kind: "waiting", attempt: 0, retryAt: 5000 }, 0);
    const retry = [...root.querySelectorAll("button")].find((b) => b.textContent === "Retry now");
    expect(retry?.hidden).toBe(false);
    retry?.click();
    expect(calls).toEqual(["retry"]);
    badge.show({ kind: "open" }, 0);
    expect(retry?.hidden).toBe(true);
    expect(root.querySelector('[data-testid="connection"]')?.getAttribute("data-state")).toBe("open");
  });

  it("show_Waiting_CountdownInLabelAndTooltip", () => {
    const root = stampedPage();
    new ConnectionBadge(root, () => {}).show({ kind: "waiting", attempt: 1, retryAt: 3000 }, 0);
    const badge = root.querySelector<HTMLElement>('[data-testid="connection"]');
    expect(badge?.querySelector(".connection-label")?.textContent).toBe("Reconnecting in 3s");
    expect(badge?.querySelector(".connection-short")?.textContent).toBe("Retrying");
    expect(badge?.title).toBe("Reconnecting in 3s. Results catch up once connected.");
  });
});
