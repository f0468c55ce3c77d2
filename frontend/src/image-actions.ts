// What a card's buttons and a duplicate upload lead to: copy the JSON, delete with Undo, and point at the image that
// is already in the feed.

import { ApiError } from "./api";
import { PendingDeletes } from "./delete-undo";
import type { ImageRecord } from "./records";
import { ActionToast } from "./ui/action-toast";
import { copyText } from "./ui/clipboard";
import type { Toast } from "./ui/notices";

export class ImageActions {
  readonly actionToast = new ActionToast();
  private deletes: PendingDeletes | null = null;
  private readonly duplicateUploads = new Set<string>();

  constructor(
    private readonly grid: HTMLElement,
    private readonly toast: Toast,
    private readonly onChange: () => void,
  ) {}

  /** Once the API is known, deletes can be sent. */
  connect(deleteImage: (imageId: string) => Promise<void>): void {
    this.deletes = new PendingDeletes(deleteImage, this.onChange);
  }

  /** A delete waiting out its Undo: the card is already gone from the page. */
  isBeingDeleted(imageId: string): boolean {
    return this.deletes?.has(imageId) ?? false;
  }

  /** An upload that turned out to be a copy of an image already here shows no card of its own. */
  isDuplicateUpload(localId: string): boolean {
    return this.duplicateUploads.has(localId);
  }

  async copyJson(record: ImageRecord): Promise<void> {
    const copied = await copyText(JSON.stringify(record, null, 2));
    this.toast.show(copied ? `Copied the JSON of ${record.fileName}.` : "Copying was blocked by the browser.", copied ? "ok" : "error");
  }

  remove(record: ImageRecord): void {
    const deletes = this.deletes;
    if (!deletes) return;
    deletes.schedule(record.imageId, (error) =>
      this.toast.show(error instanceof ApiError ? error.message : `${record.fileName} could not be deleted.`, "error"),
    );
    this.actionToast.show(`Deleting ${record.fileName}…`, "Undo", () => deletes.undo(record.imageId), 5000);
  }

  showDuplicate(localId: string, fileName: string, existingImageId: string): void {
    this.duplicateUploads.add(localId);
    this.onChange();
    const reveal = (): void => {
      const card = this.grid.querySelector<HTMLElement>(`[data-image-id="${CSS.escape(existingImageId)}"]`);
      if (!card) return;
      card.scrollIntoView({ block: "center", behavior: "smooth" });
      card.focus({ preventScroll: true });
      card.classList.add("card-flash");
      setTimeout(() => card.classList.remove("card-flash"), 2000);
    };
    this.actionToast.show(`${fileName}: Already in this feed.`, "Show it", reveal, 8000);
    setTimeout(reveal, 50);
  }
}
