// A result email links to ?feed=…&image=…: once that image's card is on the page, scroll to it, mark it and give it
// focus, once.

export function imageIdFromSearch(search: string): string | null {
  const id = new URLSearchParams(search).get("image");
  return id && /^[A-Za-z0-9_-]{1,100}$/.test(id) ? id : null;
}

export class CardFocus {
  private done = false;

  constructor(private readonly imageId: string | null) {}

  /** Call after each render; true once the card was found and focused. */
  apply(grid: ParentNode): boolean {
    if (this.done || this.imageId === null) return this.done;
    const card = [...grid.querySelectorAll<HTMLElement>("[data-image-id]")].find((element) => element.dataset.imageId === this.imageId);
    if (!card) return false;
    this.done = true;
    card.classList.add("is-linked");
    card.setAttribute("data-linked", "true");
    if (!card.hasAttribute("tabindex")) card.setAttribute("tabindex", "-1");
    card.scrollIntoView?.({ block: "center" });
    card.focus({ preventScroll: true });
    return true;
  }
}
