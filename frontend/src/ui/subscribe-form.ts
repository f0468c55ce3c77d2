// "Email me results" in the header: an address, optional labels (chips from the feed's labels, plus free text),
// then a clear "Check your inbox to confirm" state. Errors are shown as text; nothing here parses HTML.

import { ApiError } from "../api";
import { checkSubscription, collectLabels, type SubscriptionRequest, type SubscriptionStatus } from "../subscriptions";
import { h } from "./dom";

export interface SubscribeFormActions {
  subscribe: (request: SubscriptionRequest) => Promise<SubscriptionStatus>;
  loadLabels: () => Promise<string[]>;
}

export class SubscribeForm {
  readonly element: HTMLDetailsElement;
  private readonly form: HTMLFormElement;
  private readonly emailInput: HTMLInputElement;
  private readonly chips: HTMLElement;
  private readonly freeText: HTMLInputElement;
  private readonly submit: HTMLButtonElement;
  private readonly error: HTMLElement;
  private readonly done: HTMLElement;
  private readonly chosen = new Set<string>();
  private labelsLoaded = false;

  constructor(private readonly actions: SubscribeFormActions) {
    this.emailInput = h("input", {
      class: "subscribe-input",
      attrs: { type: "email", name: "email", required: true, autocomplete: "email", placeholder: "you@example.com", "data-testid": "subscribe-email" },
    });
    this.chips = h("div", { class: "subscribe-chips", attrs: { role: "group", "aria-label": "Labels in this feed", "data-testid": "subscribe-chips" } });
    this.freeText = h("input", {
      class: "subscribe-input",
      attrs: { type: "text", name: "labels", placeholder: "Dog, Person", "data-testid": "subscribe-labels" },
    });
    this.submit = h("button", { class: "button button-primary button-small", text: "Email me", attrs: { type: "submit", "data-testid": "subscribe-submit" } });
    this.error = h("p", { class: "subscribe-error", attrs: { role: "alert", hidden: true, "data-testid": "subscribe-error" } });
    this.done = h("p", { class: "subscribe-done", attrs: { role: "status", hidden: true, "data-testid": "subscribe-done" } });
    this.form = h(
      "form",
      { class: "subscribe-form", attrs: { novalidate: true }, on: { submit: (event) => void this.send(event) } },
      [
        h("label", { class: "subscribe-field" }, [h("span", { text: "Email" }), this.emailInput]),
        h("p", { class: "subscribe-hint", text: "One email per photo of this feed. Only photos with these labels (optional):" }),
        this.chips,
        h("label", { class: "subscribe-field" }, [h("span", { text: "Other labels, comma-separated" }), this.freeText]),
        this.error,
        this.submit,
      ],
    );
    this.element = h("details", { class: "subscribe", attrs: { "data-testid": "subscribe" } }, [
      h("summary", { class: "button button-quiet", text: "Email me results", attrs: { "data-testid": "subscribe-open" } }),
      h("div", { class: "subscribe-panel" }, [this.form, this.done]),
    ]);
    this.element.addEventListener("toggle", () => {
      if (this.element.open) {
        void this.fillChips();
        this.emailInput.focus();
      }
    });
  }

  private async fillChips(): Promise<void> {
    if (this.labelsLoaded) return;
    this.labelsLoaded = true;
    const names = await this.actions.loadLabels();
    this.chips.hidden = names.length === 0;
    this.chips.replaceChildren(
      ...names.map((name) =>
        h("button", {
          class: "chip",
          text: name,
          attrs: { type: "button", "aria-pressed": "false", "data-label": name },
          on: {
            click: (event) => {
              const chip = event.currentTarget as HTMLButtonElement;
              const on = !this.chosen.has(name);
              if (on) this.chosen.add(name);
              else this.chosen.delete(name);
              chip.setAttribute("aria-pressed", String(on));
            },
          },
        }),
      ),
    );
  }

  private async send(event: Event): Promise<void> {
    event.preventDefault();
    const request = { email: this.emailInput.value.trim(), labels: collectLabels(this.chosen, this.freeText.value) };
    const problem = checkSubscription(request.email, request.labels);
    if (problem) {
      this.showError(problem);
      return;
    }
    this.showError(null);
    this.submit.disabled = true;
    this.submit.textContent = "Sending…";
    try {
      const status = await this.actions.subscribe(request);
      this.form.hidden = true;
      this.done.hidden = false;
      this.done.textContent =
        status === "Subscribed"
          ? `${request.email} already gets these results.`
          : `Check your inbox to confirm: we sent a link to ${request.email}. Nothing else is sent until you follow it.`;
    } catch (error) {
      this.showError(error instanceof ApiError ? error.message : "The subscription could not be sent. Try again.");
    } finally {
      this.submit.disabled = false;
      this.submit.textContent = "Email me";
    }
  }

  private showError(message: string | null): void {
    this.error.hidden = message === null;
    this.error.textContent = message ?? "";
  }
}
