// The uploader: the drop zone, its file picker, and files dropped anywhere on the page (with the page-wide overlay).

import { pagePart } from "./page";

export class Uploader {
  private readonly fileInput: HTMLInputElement;
  private dragDepth = 0;

  constructor(
    page: ParentNode,
    private readonly onFiles: (files: File[]) => void,
  ) {
    this.fileInput = pagePart(page, '[data-testid="file-input"]', HTMLInputElement);
    this.fileInput.addEventListener("change", () => {
      const files = [...(this.fileInput.files ?? [])];
      // Reset so choosing the same file again still fires "change".
      this.fileInput.value = "";
      if (files.length > 0) onFiles(files);
    });
    pagePart(page, '[data-testid="choose-files"]', HTMLButtonElement).addEventListener("click", () => this.fileInput.click());
    pagePart(page, '[data-testid="dropzone"]', HTMLElement).addEventListener("click", (event) => {
      // The whole area opens the picker for a mouse; the button is the keyboard's way in.
      if (!(event.target instanceof Element && event.target.closest("button, input"))) this.fileInput.click();
    });
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
      if (files.length > 0) this.onFiles(files);
    });
  }
}
