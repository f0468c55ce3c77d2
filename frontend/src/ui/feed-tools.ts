// Around the grid: the Download menu (CSV, JSON), and "Load more" with infinite scroll for the feed's older images.

import { h } from "./dom";

export class DownloadMenu {
  readonly element: HTMLElement;

  constructor(csvUrl: string, jsonUrl: string) {
    // Plain links: the API answers 303 to the finished file, which the browser downloads.
    this.element = h("details", { class: "download-menu", attrs: { "data-testid": "download-menu" } }, [
      h("summary", { class: "button button-quiet button-small", text: "Download" }),
      h("div", { class: "download-options" }, [
        h("a", { class: "download-option", text: "CSV (one row per label)", attrs: { href: csvUrl, "data-format": "csv", download: "" } }),
        h("a", { class: "download-option", text: "JSON (every record)", attrs: { href: jsonUrl, "data-format": "json", download: "" } }),
      ]),
    ]);
  }
}

export class LoadMore {
  readonly element: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly observer: IntersectionObserver | null;

  constructor(onLoad: () => void) {
    this.button = h("button", {
      class: "button button-quiet",
      text: "Load more",
      attrs: { type: "button", "data-testid": "load-more" },
      on: { click: () => onLoad() },
    });
    this.element = h("div", { class: "load-more" }, [this.button]);
    // Infinite scroll: coming near the end loads the next page; the button stays for keyboards and old browsers.
    this.observer =
      typeof IntersectionObserver === "function"
        ? new IntersectionObserver((entries) => {
            if (entries.some((entry) => entry.isIntersecting) && !this.element.hidden) onLoad();
          }, { rootMargin: "800px 0px" })
        : null;
    this.observer?.observe(this.element);
  }

  /**
   * After a page has been drawn: if this is still near the viewport (a short page, or a filter that matched few
   * images), the observer has no new crossing to report, so observing afresh reports where it is now.
   */
  checkAgain(): void {
    if (!this.observer) return;
    this.observer.unobserve(this.element);
    this.observer.observe(this.element);
  }

  setState(done: boolean, busy: boolean): void {
    this.element.hidden = done;
    this.button.disabled = busy;
    this.button.textContent = busy ? "Loading…" : "Load more";
  }
}
