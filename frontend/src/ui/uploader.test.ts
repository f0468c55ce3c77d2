// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { stampedPage } from "./test-page";
import { Uploader } from "./uploader";

function uploader() {
  const root = stampedPage();
  const calls: string[] = [];
  new Uploader(root, (files) => calls.push(`files:${files.length}`));
  return { root, calls };
}

describe("Uploader", () => {
  it("drop_FilesOnPage_HandedOverOnce", () => {
    const { calls } = uploader();
    const file = new File([new Uint8Array([1])], "a.png", { type: "image/png" });
    const drop = new Event("drop", { bubbles: true, cancelable: true }) as DragEvent;
    Object.defineProperty(drop, "dataTransfer", { value: { files: [file, file], types: ["Files"] } });
    window.dispatchEvent(drop);
    expect(calls).toEqual(["files:2"]);
    expect(drop.defaultPrevented).toBe(true);
  });

  it("dragEnter_Files_MarksPageUntilDrop", () => {
    uploader();
    const enter = new Event("dragenter", { cancelable: true }) as DragEvent;
    Object.defineProperty(enter, "dataTransfer", { value: { files: [], types: ["Files"] } });
    window.dispatchEvent(enter);
    expect(document.body.classList.contains("is-dragging")).toBe(true);
    window.dispatchEvent(new Event("drop", { cancelable: true }));
    expect(document.body.classList.contains("is-dragging")).toBe(false);
  });

  it("dropzone_Click_OpensPickerButNotTwiceFromItsButton", () => {
    const { root } = uploader();
    const input = root.querySelector<HTMLInputElement>('[data-testid="file-input"]');
    let opened = 0;
    input?.addEventListener("click", (event) => {
      opened += 1;
      event.preventDefault();
    });
    root.querySelector<HTMLElement>(".dropzone-text")?.click();
    expect(opened).toBe(1);
    root.querySelector<HTMLButtonElement>('[data-testid="choose-files"]')?.click();
    expect(opened).toBe(2);
  });
});
