// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { ImageActions } from "./image-actions";
import { record } from "./test-records";
import { Toast } from "./ui/notices";
import { stampedPage } from "./ui/test-page";

afterEach(() => {
  vi.useRealTimers();
});

function actions() {
  const root = stampedPage();
  const grid = root.querySelector<HTMLElement>('[data-testid="grid"]')!;
  let changes = 0;
  const instance = new ImageActions(grid, new Toast(root), () => (changes += 1));
  document.body.append(instance.actionToast.element);
  const sent: string[] = [];
  instance.connect((imageId) => {
    sent.push(imageId);
    return Promise.resolve();
  });
  return { root, grid, instance, sent, changes: () => changes };
}

describe("ImageActions", () => {
  it("remove_ThenUndo_CardBackAndNothingSent", async () => {
    vi.useFakeTimers();
    const { instance, sent } = actions();
    instance.remove(record({ imageId: "a", fileName: "cat.png" }));
    expect(instance.isBeingDeleted("a")).toBe(true);
    const toast = instance.actionToast.element;
    expect(toast.textContent).toContain("Deleting cat.png…");
    toast.querySelector<HTMLButtonElement>('[data-testid="action-toast-button"]')?.click();
    expect(instance.isBeingDeleted("a")).toBe(false);
    await vi.advanceTimersByTimeAsync(6000);
    expect(sent).toEqual([]);
  });

  it("remove_NotUndone_SentAfterDelay", async () => {
    vi.useFakeTimers();
    const { instance, sent } = actions();
    instance.remove(record({ imageId: "a" }));
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent).toEqual(["a"]);
    expect(instance.isBeingDeleted("a")).toBe(false);
  });

  it("showDuplicate_HidesUploadAndFlashesExistingCard", async () => {
    vi.useFakeTimers();
    const { grid, instance, changes } = actions();
    const card = document.createElement("article");
    card.dataset.imageId = "existing";
    card.scrollIntoView = () => {};
    grid.append(card);
    instance.showDuplicate("local-1", "cat.png", "existing");
    expect(instance.isDuplicateUpload("local-1")).toBe(true);
    expect(changes()).toBe(1);
    expect(instance.actionToast.element.textContent).toContain("cat.png: Already in this feed.");
    await vi.advanceTimersByTimeAsync(50);
    expect(card.classList.contains("card-flash")).toBe(true);
  });
});
