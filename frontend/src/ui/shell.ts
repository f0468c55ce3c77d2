// The page around the cards, stamped from index.html's template: it hands out the header's connection badge, the
// uploader and the notices, and keeps the few parts that are only text and counts (feed id, mailbox, filter, count).

import { formatConfidence } from "../label-filter";
import { ConnectionBadge } from "./connection-badge";
import { h, icon } from "./dom";
import { Announcer, Banner, FileNotices, Toast } from "./notices";
import { pagePart, stampPage } from "./page";
import { Uploader } from "./uploader";

export interface ShellHandlers {
  onFiles(files: File[]): void;
  onShare(): void;
  onThreshold(value: number): void;
  onRetryNow(): void;
}

export class Shell {
  readonly grid: HTMLElement;
  readonly connection: ConnectionBadge;
  readonly uploader: Uploader;
  readonly fileNotices: FileNotices;
  readonly banner: Banner;
  readonly toast: Toast;
  readonly announcer: Announcer;
  private readonly feedLabel: HTMLElement;
  private readonly mailboxSlot: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly countLabel: HTMLElement;
  private readonly thresholdInput: HTMLInputElement;
  private readonly thresholdOutput: HTMLOutputElement;

  constructor(root: HTMLElement, template: HTMLTemplateElement, handlers: ShellHandlers, threshold: number) {
    stampPage(root, template);
    this.connection = new ConnectionBadge(root, () => handlers.onRetryNow());
    this.uploader = new Uploader(root, (files) => handlers.onFiles(files));
    this.fileNotices = new FileNotices(root);
    this.banner = new Banner(root);
    this.toast = new Toast(root);
    this.announcer = new Announcer(root);
    pagePart(root, '[data-testid="share"]', HTMLButtonElement).addEventListener("click", () => handlers.onShare());
    this.feedLabel = pagePart(root, '[data-testid="feed-id"]', HTMLElement);
    this.mailboxSlot = pagePart(root, ".mailbox-slot", HTMLElement);
    this.grid = pagePart(root, '[data-testid="grid"]', HTMLElement);
    this.empty = pagePart(root, '[data-testid="empty"]', HTMLElement);
    this.countLabel = pagePart(root, ".section-title .count", HTMLElement);
    this.thresholdOutput = pagePart(root, ".threshold-value", HTMLOutputElement);
    this.thresholdInput = pagePart(root, '[data-testid="threshold"]', HTMLInputElement);
    this.thresholdInput.setAttribute("value", String(threshold));
    this.thresholdInput.addEventListener("input", () => {
      const value = Number(this.thresholdInput.value);
      this.showThreshold(value);
      handlers.onThreshold(value);
    });
    this.showThreshold(threshold);
  }

  private showThreshold(value: number): void {
    this.thresholdOutput.textContent = value === 0 ? "All" : `≥ ${formatConfidence(value)}`;
    this.thresholdInput.setAttribute("aria-valuetext", value === 0 ? "All labels" : `${value}% or more`);
  }

  setFeed(feedId: string): void {
    this.feedLabel.textContent = feedId;
    this.feedLabel.title = feedId;
  }

  /** A feature's control in the header, just before "Share feed". */
  addHeaderAction(element: HTMLElement): void {
    this.mailboxSlot.after(element);
  }

  setMailbox(url: string | undefined): void {
    this.mailboxSlot.replaceChildren();
    if (!url) return;
    this.mailboxSlot.append(
      h(
        "a",
        {
          class: "button button-quiet",
          attrs: { href: url, target: "_blank", rel: "noopener noreferrer", "data-testid": "mailbox" },
        },
        [icon("mail"), h("span", { class: "hide-narrow", text: "Mailbox" })],
      ),
    );
    this.mailboxSlot.lastElementChild?.setAttribute("aria-label", "Open the local mailbox (new tab)");
  }

  setCount(count: number): void {
    this.countLabel.textContent = count > 0 ? String(count) : "";
    this.empty.hidden = count > 0;
    this.grid.hidden = count === 0;
  }
}
