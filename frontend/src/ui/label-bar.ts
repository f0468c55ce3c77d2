// The label bar above the grid: one chip per label, most frequent first, with live counts; chosen chips filter (AND).

import type { FeedLabels } from "../feed-api";
import { clear, h } from "./dom";

export class LabelBar {
  readonly element: HTMLElement;
  private readonly chips: HTMLElement;
  private readonly summary: HTMLElement;

  constructor(private readonly onToggle: (label: string) => void) {
    this.summary = h("span", { class: "label-bar-summary" });
    this.chips = h("div", { class: "label-chips", attrs: { role: "group", "aria-label": "Filter by label" } });
    this.element = h("div", { class: "label-bar", attrs: { "data-testid": "label-bar" } }, [this.summary, this.chips]);
    this.element.hidden = true;
  }

  render(counts: FeedLabels, chosen: readonly string[]): void {
    const chosenUpper = new Set(chosen.map((label) => label.toUpperCase()));
    clear(this.chips);
    // A chosen label no image carries any more stays visible, so it can be unchosen.
    const shown = [...counts.labels];
    for (const label of chosen) {
      if (!shown.some((item) => item.name.toUpperCase() === label.toUpperCase())) shown.push({ name: label, count: 0 });
    }
    for (const { name, count } of shown) {
      const pressed = chosenUpper.has(name.toUpperCase());
      this.chips.append(
        h(
          "button",
          {
            class: pressed ? "chip chip-on" : "chip",
            attrs: { type: "button", "aria-pressed": pressed ? "true" : "false", "data-label": name, "data-count": count },
            on: { click: () => this.onToggle(name) },
          },
          [h("span", { class: "chip-name", text: name }), h("span", { class: "chip-count", text: String(count) })],
        ),
      );
    }
    this.summary.textContent = chosen.length > 0 ? `Showing images with ${chosen.join(" and ")}` : "Labels in this feed";
    this.element.hidden = shown.length === 0;
  }
}
