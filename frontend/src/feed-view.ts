// Draws the feed: the records that pass the filters, this tab's uploads, the count and the card a link points at.
// A burst of changes draws once.

import { buildCards } from "./cards";
import type { ImageRecord } from "./records";
import type { LocalUpload } from "./uploads";
import { CardFocus, imageIdFromSearch } from "./ui/card-focus";
import type { CardGrid } from "./ui/grid";

export interface FeedContent {
  /** The records to show, already filtered. */
  records(): readonly ImageRecord[];
  /** This tab's uploads that get a card of their own. */
  uploads(): readonly LocalUpload[];
  threshold(): number;
  /** Called after each draw with the number of cards. */
  drawn(count: number): void;
}

export class FeedView {
  private queued = false;
  // A result email's link (?feed=…&image=…) opens on that image's card.
  private readonly cardFocus = new CardFocus(imageIdFromSearch(window.location.search));

  constructor(
    private readonly grid: CardGrid,
    private readonly content: FeedContent,
  ) {}

  schedule(): void {
    if (this.queued) return;
    this.queued = true;
    // A timer, not requestAnimationFrame: background tabs must stay current too.
    setTimeout(() => {
      this.queued = false;
      this.draw();
    }, 0);
  }

  draw(): void {
    const cards = buildCards(this.content.records(), this.content.uploads());
    this.grid.render(cards, this.content.threshold(), Date.now());
    this.content.drawn(cards.length);
    this.cardFocus.apply(this.grid.element);
  }
}
