// The header's connection badge: Live, Reconnecting in 4s, Offline…, with "Retry now" while a retry waits.

import type { ConnectionState } from "../socket";
import { pagePart } from "./page";

export function connectionText(state: ConnectionState, now: number): string {
  switch (state.kind) {
    case "connecting":
      return state.attempt === 0 ? "Connecting…" : "Reconnecting…";
    case "open":
      return "Live";
    case "waiting": {
      const seconds = Math.max(1, Math.ceil((state.retryAt - now) / 1000));
      return `Reconnecting in ${seconds}s`;
    }
    case "offline":
      return "Offline";
    case "stopped":
      return "Not connected";
  }
}

/** The few words that fit a phone's header; the full text stays in the accessible name and tooltip. */
export function connectionShortText(state: ConnectionState): string {
  switch (state.kind) {
    case "connecting":
      return "Connecting";
    case "open":
      return "Live";
    case "waiting":
      return "Retrying";
    case "offline":
      return "Offline";
    case "stopped":
      return "Offline";
  }
}

export class ConnectionBadge {
  private readonly badge: HTMLElement;
  private readonly label: HTMLElement;
  private readonly short: HTMLElement;
  private readonly retryButton: HTMLButtonElement;

  constructor(page: ParentNode, onRetryNow: () => void) {
    this.badge = pagePart(page, '[data-testid="connection"]', HTMLElement);
    this.label = pagePart(this.badge, ".connection-label", HTMLElement);
    this.short = pagePart(this.badge, ".connection-short", HTMLElement);
    this.retryButton = pagePart(page, '[data-testid="retry-now"]', HTMLButtonElement);
    this.retryButton.addEventListener("click", () => onRetryNow());
  }

  show(state: ConnectionState, now: number): void {
    this.badge.dataset.state = state.kind;
    const text = connectionText(state, now);
    // Only a changed text is written, so a screen reader is not told the same words every second.
    if (this.label.textContent !== text) this.label.textContent = text;
    this.short.textContent = connectionShortText(state);
    this.badge.title =
      state.kind === "open" ? "Connected: results arrive as soon as they are found" : `${text}. Results catch up once connected.`;
    this.retryButton.hidden = state.kind !== "waiting";
  }
}
