// The card grid: one CardView per card key, reordered only where the order changed so that a
// focused card keeps its focus while others arrive.

import type { CardModel } from "../cards";
import { CardView, type CardActions } from "./card";

export class CardGrid {
  private readonly views = new Map<string, CardView>();

  constructor(
    readonly element: HTMLElement,
    private readonly actions: CardActions,
  ) {}

  render(cards: readonly CardModel[], threshold: number, now: number): void {
    const keep = new Set(cards.map((card) => card.key));
    for (const [key, view] of this.views) {
      if (!keep.has(key)) {
        view.element.remove();
        this.views.delete(key);
      }
    }
    let previous: Element | null = null;
    for (const card of cards) {
      let view = this.views.get(card.key);
      if (!view) {
        view = new CardView(card, this.actions);
        this.views.set(card.key, view);
      }
      view.update(card, threshold, now);
      const expected: Element | null = previous ? previous.nextElementSibling : this.element.firstElementChild;
      if (expected !== view.element) this.element.insertBefore(view.element, expected);
      previous = view.element;
    }
  }

  get count(): number {
    return this.views.size;
  }
}
