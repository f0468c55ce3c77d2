// A notice with one action (Undo, Show it) that goes away by itself: delete-with-undo and "Already in this feed".

import { h } from "./dom";

export class ActionToast {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;
  private readonly button: HTMLButtonElement;
  private action: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    this.text = h("span", { class: "action-toast-text" });
    this.button = h("button", {
      class: "button button-small",
      attrs: { type: "button", "data-testid": "action-toast-button" },
      on: {
        click: () => {
          const action = this.action;
          this.hide();
          action?.();
        },
      },
    });
    this.element = h("div", { class: "action-toast", attrs: { role: "status", "aria-live": "polite", "data-testid": "action-toast" } }, [
      this.text,
      this.button,
    ]);
    this.element.hidden = true;
  }

  show(message: string, actionText: string, action: () => void, durationMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.text.textContent = message;
    this.button.textContent = actionText;
    this.action = action;
    this.element.hidden = false;
    this.timer = setTimeout(() => this.hide(), durationMs);
  }

  hide(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.action = null;
    this.element.hidden = true;
  }
}
