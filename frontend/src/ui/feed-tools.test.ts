// @vitest-environment happy-dom
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LoadMore } from "./feed-tools";
import { LabelBar } from "./label-bar";
import { ActionToast } from "./action-toast";

// The page's own stylesheet: an author rule such as `.load-more { display: flex }` outranks the browser's
// `[hidden] { display: none }`, so whether a hidden element really disappears is a question for the cascade.
const styles = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "styles.css"), "utf8");

function displayOf(element: HTMLElement): string {
  return window.getComputedStyle(element).display;
}

describe("feed tools around the grid", () => {
  beforeEach(() => {
    const style = document.createElement("style");
    style.textContent = styles;
    document.head.replaceChildren(style);
    document.body.replaceChildren();
  });

  afterEach(() => {
    document.head.replaceChildren();
    document.body.replaceChildren();
  });

  it("LoadMore_LastPageRead_IsNotDisplayed", () => {
    const box = new LoadMore(() => undefined);
    document.body.append(box.element);
    box.setState(false, false);
    expect(displayOf(box.element)).toBe("flex");
    box.setState(true, false);
    expect(box.element.hidden).toBe(true);
    expect(displayOf(box.element)).toBe("none");
  });

  it("LoadMore_CheckAgainWhileStillInView_LoadsTheNextPage", () => {
    // An observer reports an element's state when it starts observing it, and afterwards only its crossings.
    let inView = true;
    class ObserverInView {
      constructor(private readonly report: (entries: { isIntersecting: boolean }[]) => void) {}
      observe(): void {
        this.report([{ isIntersecting: inView }]);
      }
      unobserve(): void {}
    }
    vi.stubGlobal("IntersectionObserver", ObserverInView);
    try {
      let loads = 0;
      const box = new LoadMore(() => (loads += 1));
      expect(loads).toBe(1);
      box.checkAgain();
      expect(loads).toBe(2);
      inView = false;
      box.checkAgain();
      expect(loads).toBe(2);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("LoadMore_Busy_DisablesTheButtonAndSaysLoading", () => {
    const box = new LoadMore(() => undefined);
    document.body.append(box.element);
    box.setState(false, true);
    const button = box.element.querySelector("button")!;
    expect(button.disabled).toBe(true);
    expect(button.textContent).toBe("Loading…");
    box.setState(false, false);
    expect(button.disabled).toBe(false);
    expect(button.textContent).toBe("Load more");
  });

  it("LabelBar_NoLabels_IsNotDisplayed", () => {
    const bar = new LabelBar(() => undefined);
    document.body.append(bar.element);
    expect(displayOf(bar.element)).toBe("none");
    bar.render({ labels: [{ name: "Dog", count: 2 }], images: 2, indexedThrough: null }, []);
    expect(displayOf(bar.element)).toBe("flex");
    bar.render({ labels: [], images: 0, indexedThrough: null }, []);
    expect(displayOf(bar.element)).toBe("none");
  });

  it("ActionToast_Hidden_IsNotDisplayedUntilShown", () => {
    const toast = new ActionToast();
    document.body.append(toast.element);
    expect(displayOf(toast.element)).toBe("none");
    toast.show("Deleted a.png", "Undo", () => undefined, 5000);
    expect(displayOf(toast.element)).toBe("flex");
    toast.hide();
    expect(displayOf(toast.element)).toBe("none");
  });
});
