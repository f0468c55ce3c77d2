// What the page tells the user outside the cards: files not uploaded, the error banner, toasts, and screen-reader
// announcements.

import { h, icon } from "./dom";
import { pagePart } from "./page";

export interface Notice {
  fileName: string;
  message: string;
}

/** The list under the upload area: one dismissable message per file that was not uploaded. */
export class FileNotices {
  private readonly list: HTMLElement;

  constructor(page: ParentNode) {
    this.list = pagePart(page, '[data-testid="notices"]', HTMLElement);
  }

  add(notices: readonly Notice[]): void {
    for (const notice of notices) this.list.prepend(this.item(notice));
    // Keep the list short: the newest messages matter.
    while (this.list.children.length > 8) this.list.lastElementChild?.remove();
  }

  private item(notice: Notice): HTMLElement {
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
            // Focus moves to a neighbour's button, so the keyboard is not dropped at the top of the page.
            const next = (item.nextElementSibling ?? item.previousElementSibling) as HTMLElement | null;
            item.remove();
            next?.querySelector("button")?.focus();
          },
        },
      },
      [icon("x")],
    );
    item.append(dismiss);
    return item;
  }
}

/** A lasting problem (the app could not start, history keeps failing); null clears it. */
export class Banner {
  private readonly element: HTMLElement;

  constructor(page: ParentNode) {
    this.element = pagePart(page, '[data-testid="banner"]', HTMLElement);
  }

  show(message: string | null): void {
    this.element.hidden = message === null;
    this.element.textContent = message ?? "";
  }
}

/** A short message that fades by itself. */
export class Toast {
  private readonly element: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(page: ParentNode) {
    this.element = pagePart(page, '[data-testid="toast"]', HTMLElement);
  }

  show(message: string, tone: "ok" | "error" = "ok"): void {
    this.element.replaceChildren(icon(tone === "ok" ? "check" : "alert"), h("span", { text: message }));
    this.element.dataset.tone = tone;
    this.element.classList.add("is-visible");
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.element.classList.remove("is-visible"), 3500);
  }
}

/** Says something to screen readers without moving focus. */
export class Announcer {
  private readonly element: HTMLElement;

  constructor(page: ParentNode) {
    this.element = pagePart(page, '[data-testid="announcer"]', HTMLElement);
  }

  say(message: string): void {
    this.element.textContent = "";
    // A separate task, so that the same words said twice are still announced.
    setTimeout(() => {
      this.element.textContent = message;
    }, 50);
  }
}
