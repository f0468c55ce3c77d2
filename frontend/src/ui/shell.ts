// The page around the cards: header (connection, mailbox, share), uploader, filter, live regions.

import { formatConfidence } from "../label-filter";
import type { ConnectionState } from "../socket";
import { h, icon } from "./dom";

export interface ShellHandlers {
  onFiles(files: File[]): void;
  onShare(): void;
  onThreshold(value: number): void;
  onRetryNow(): void;
}

export interface Notice {
  fileName: string;
  message: string;
}

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

export class Shell {
  readonly grid: HTMLElement;
  private readonly connection: HTMLElement;
  private readonly connectionLabel: HTMLElement;
  private readonly connectionShort: HTMLElement;
  private readonly retryButton: HTMLButtonElement;
  private readonly feedLabel: HTMLElement;
  private readonly mailboxSlot: HTMLElement;
  private readonly notices: HTMLElement;
  private readonly banner: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly countLabel: HTMLElement;
  private readonly thresholdInput: HTMLInputElement;
  private readonly thresholdOutput: HTMLOutputElement;
  private readonly fileInput: HTMLInputElement;
  private readonly toast: HTMLElement;
  private readonly announcer: HTMLElement;
  private readonly dropOverlay: HTMLElement;
  private toastTimer: ReturnType<typeof setTimeout> | null = null;
  private dragDepth = 0;

  constructor(
    root: HTMLElement,
    private readonly handlers: ShellHandlers,
    threshold: number,
  ) {
    this.connectionLabel = h("span", { class: "connection-label", text: "Connecting…" });
    this.connectionShort = h("span", { class: "connection-short", text: "Connecting", attrs: { "aria-hidden": "true" } });
    this.retryButton = h("button", {
      class: "button button-quiet button-small",
      text: "Retry now",
      attrs: { type: "button", hidden: true },
      on: { click: () => handlers.onRetryNow() },
    });
    this.connection = h(
      "div",
      { class: "connection", attrs: { "data-state": "connecting", "data-testid": "connection" } },
      [
        h("span", { class: "connection-dot", attrs: { "aria-hidden": "true" } }),
        h("span", { class: "sr-only", text: "Connection: " }),
        this.connectionLabel,
        this.connectionShort,
      ],
    );
    this.mailboxSlot = h("div", { class: "mailbox-slot" });
    const shareButton = h(
      "button",
      {
        class: "button button-primary",
        attrs: { type: "button", "data-testid": "share", "aria-label": "Share feed: copy its link" },
        on: { click: () => handlers.onShare() },
      },
      [icon("link"), h("span", { text: "Share feed" })],
    );

    this.feedLabel = h("code", { class: "feed-id", attrs: { "data-testid": "feed-id" } });
    this.fileInput = h("input", {
      class: "sr-only",
      attrs: {
        type: "file",
        accept: "image/jpeg,image/png,.jpg,.jpeg,.png",
        multiple: true,
        tabindex: -1,
        "aria-hidden": "true",
        "data-testid": "file-input",
      },
      on: {
        change: () => {
          const files = [...(this.fileInput.files ?? [])];
          // Reset so choosing the same file again still fires "change".
          this.fileInput.value = "";
          if (files.length > 0) handlers.onFiles(files);
        },
      },
    });
    const chooseButton = h(
      "button",
      {
        class: "button button-primary",
        attrs: { type: "button", "data-testid": "choose-files" },
        on: { click: () => this.fileInput.click() },
      },
      [icon("upload"), h("span", { text: "Choose photos" })],
    );
    const dropzone = h("div", {
      class: "dropzone",
      attrs: { "data-testid": "dropzone" },
      on: {
        // The whole area opens the picker for a mouse; the button is the keyboard's way in.
        click: (event) => {
          if (!(event.target instanceof Element && event.target.closest("button, input"))) this.fileInput.click();
        },
      },
    }, [
      h("div", { class: "dropzone-icon" }, [icon("image")]),
      h("div", { class: "dropzone-text" }, [
        h("p", { class: "dropzone-title" }, [
          h("span", { class: "for-pointer", text: "Drop photos here to label them" }),
          h("span", { class: "for-touch", text: "Add photos to label them" }),
        ]),
        h("p", { class: "dropzone-hint", text: "JPEG or PNG, up to 15 MB each. Several at once is fine." }),
      ]),
      chooseButton,
      this.fileInput,
    ]);
    this.notices = h("ul", { class: "notices", attrs: { "data-testid": "notices", "aria-label": "Files not uploaded" } });
    this.banner = h("div", { class: "banner", attrs: { role: "alert", hidden: true, "data-testid": "banner" } });

    this.thresholdOutput = h("output", { class: "threshold-value", attrs: { for: "threshold" } });
    this.thresholdInput = h("input", {
      attrs: {
        id: "threshold",
        type: "range",
        min: 0,
        max: 100,
        step: 5,
        value: threshold,
        "data-testid": "threshold",
      },
      on: {
        input: () => {
          const value = Number(this.thresholdInput.value);
          this.showThreshold(value);
          handlers.onThreshold(value);
        },
      },
    });
    this.showThreshold(threshold);
    this.countLabel = h("span", { class: "count", text: "" });
    const toolbar = h("div", { class: "toolbar" }, [
      h("h2", { class: "section-title" }, [h("span", { text: "Images" }), this.countLabel]),
      h("div", { class: "threshold" }, [
        h("label", { attrs: { for: "threshold" } }, [icon("sliders"), h("span", { text: "Minimum confidence" })]),
        this.thresholdInput,
        this.thresholdOutput,
      ]),
    ]);

    this.grid = h("div", { class: "grid", attrs: { "data-testid": "grid" } });
    this.empty = h("div", { class: "empty", attrs: { "data-testid": "empty" } }, [
      h("div", { class: "empty-art", attrs: { "aria-hidden": "true" } }, [
        h("span", { class: "empty-box empty-box-a" }),
        h("span", { class: "empty-box empty-box-b" }),
      ]),
      h("p", { class: "empty-title", text: "No images in this feed yet" }),
      h("p", {
        class: "empty-text",
        text: "Upload a photo and its labels appear here within seconds, and in every tab that has this feed open.",
      }),
    ]);

    this.toast = h("div", { class: "toast", attrs: { role: "status", "aria-live": "polite", "data-testid": "toast" } });
    this.announcer = h("div", {
      class: "sr-only",
      attrs: { "aria-live": "polite", "aria-atomic": "true", "data-testid": "announcer" },
    });
    this.dropOverlay = h("div", { class: "drop-overlay", attrs: { "aria-hidden": "true" } }, [
      h("div", { class: "drop-overlay-inner" }, [icon("upload"), h("span", { text: "Drop to upload" })]),
    ]);

    const header = h("header", { class: "topbar" }, [
      h("div", { class: "topbar-inner" }, [
        h("div", { class: "brand" }, [
          h("span", { class: "brand-mark", attrs: { "aria-hidden": "true" } }),
          h("h1", { class: "brand-name", text: "ImageLabelsLive" }),
        ]),
        h("div", { class: "topbar-actions" }, [this.connection, this.retryButton, this.mailboxSlot, shareButton]),
      ]),
    ]);
    const main = h("main", { class: "content", attrs: { id: "main" } }, [
      h("section", { class: "hero", attrs: { "aria-labelledby": "upload-title" } }, [
        h("div", { class: "hero-head" }, [
          h("h2", { class: "hero-title", attrs: { id: "upload-title" }, text: "Label your photos, live" }),
          h("p", { class: "hero-feed" }, [
            h("span", { text: "Feed " }),
            this.feedLabel,
            h("span", { class: "hero-feed-hint", text: " · anyone with the link sees it" }),
          ]),
        ]),
        dropzone,
        this.notices,
      ]),
      this.banner,
      h("section", { class: "results", attrs: { "aria-label": "Images in this feed" } }, [toolbar, this.grid, this.empty]),
    ]);
    root.replaceChildren(
      h("a", { class: "skip-link", attrs: { href: "#main" }, text: "Skip to content" }),
      header,
      main,
      this.toast,
      this.announcer,
      this.dropOverlay,
    );
    this.wireDragAndDrop();
  }

  private wireDragAndDrop(): void {
    const hasFiles = (event: DragEvent) => [...(event.dataTransfer?.types ?? [])].includes("Files");
    window.addEventListener("dragenter", (event) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      this.dragDepth += 1;
      document.body.classList.add("is-dragging");
    });
    window.addEventListener("dragover", (event) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
    });
    window.addEventListener("dragleave", () => {
      this.dragDepth = Math.max(0, this.dragDepth - 1);
      if (this.dragDepth === 0) document.body.classList.remove("is-dragging");
    });
    window.addEventListener("drop", (event) => {
      event.preventDefault();
      this.dragDepth = 0;
      document.body.classList.remove("is-dragging");
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length > 0) this.handlers.onFiles(files);
    });
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

  setConnection(state: ConnectionState, now: number): void {
    this.connection.dataset.state = state.kind;
    const text = connectionText(state, now);
    if (this.connectionLabel.textContent !== text) this.connectionLabel.textContent = text;
    this.connectionShort.textContent = connectionShortText(state);
    this.connection.title =
      state.kind === "open" ? "Connected: results arrive as soon as they are found" : `${text}. Results catch up once connected.`;
    this.retryButton.hidden = state.kind !== "waiting";
  }

  setCount(count: number): void {
    this.countLabel.textContent = count > 0 ? String(count) : "";
    this.empty.hidden = count > 0;
    this.grid.hidden = count === 0;
  }

  addNotices(notices: Notice[]): void {
    for (const notice of notices) {
      const item = h("li", { class: "notice", attrs: { "data-testid": "notice" } }, [
        icon("alert", "icon notice-icon"),
        h("div", { class: "notice-text" }, [
          h("span", { class: "notice-file", text: notice.fileName }),
          h("span", { class: "notice-message", text: notice.message }),
        ]),
      ]);
      const dismiss = h(
        "button",
        {
          class: "icon-button",
          attrs: { type: "button", "aria-label": `Dismiss message about ${notice.fileName}` },
          on: {
            click: () => {
              const next = (item.nextElementSibling ?? item.previousElementSibling) as HTMLElement | null;
              item.remove();
              next?.querySelector("button")?.focus();
            },
          },
        },
        [icon("x")],
      );
      item.append(dismiss);
      this.notices.prepend(item);
    }
    // Keep the list short: the newest messages matter.
    while (this.notices.children.length > 8) this.notices.lastElementChild?.remove();
  }

  showBanner(message: string | null): void {
    this.banner.hidden = message === null;
    this.banner.textContent = message ?? "";
  }

  showToast(message: string, tone: "ok" | "error" = "ok"): void {
    this.toast.replaceChildren(icon(tone === "ok" ? "check" : "alert"), h("span", { text: message }));
    this.toast.dataset.tone = tone;
    this.toast.classList.add("is-visible");
    if (this.toastTimer) clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => this.toast.classList.remove("is-visible"), 3500);
  }

  /** Says something to screen readers without moving focus. */
  announce(message: string): void {
    this.announcer.textContent = "";
    // A separate task, so that the same words said twice are still announced.
    setTimeout(() => {
      this.announcer.textContent = message;
    }, 50);
  }
}
