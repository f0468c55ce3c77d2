// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { Announcer, Banner, FileNotices, Toast } from "./notices";
import { stampedPage } from "./test-page";

afterEach(() => {
  vi.useRealTimers();
});

describe("FileNotices", () => {
  it("addNotices_NamesLikeHtml_ShownAsTextAndDismissable", () => {
    const root = stampedPage();
    new FileNotices(root).add([{ fileName: "<script>x</script>.gif", message: "Only JPEG and PNG images can be labeled." }]);
    const notice = root.querySelector('[data-testid="notice"]');
    expect(notice?.querySelector(".notice-file")?.textContent).toBe("<script>x</script>.gif");
    expect(root.querySelector("script")).toBeNull();
    notice?.querySelector("button")?.click();
    expect(root.querySelectorAll('[data-testid="notice"]')).toHaveLength(0);
  });

  it("add_ManyFiles_KeepsNewestEight", () => {
    const root = stampedPage();
    const notices = new FileNotices(root);
    notices.add(Array.from({ length: 10 }, (_, i) => ({ fileName: `f${i}.gif`, message: "No." })));
    const names = [...root.querySelectorAll(".notice-file")].map((element) => element.textContent);
    expect(names).toHaveLength(8);
    expect(names[0]).toBe("f9.gif");
  });
});

describe("Banner, Toast, Announcer", () => {
  it("banner_ShowThenClear_HiddenWhenNull", () => {
    const root = stampedPage();
    const banner = new Banner(root);
    banner.show("The API did not answer. Retrying…");
    const element = root.querySelector<HTMLElement>('[data-testid="banner"]');
    expect(element?.hidden).toBe(false);
    expect(element?.textContent).toBe("The API did not answer. Retrying…");
    banner.show(null);
    expect(element?.hidden).toBe(true);
  });

  it("toast_Show_TextWithToneThenFades", () => {
    vi.useFakeTimers();
    const root = stampedPage();
    new Toast(root).show("<b>Link</b> copied", "error");
    const element = root.querySelector<HTMLElement>('[data-testid="toast"]');
    expect(element?.textContent).toBe("<b>Link</b> copied");
    expect(element?.dataset.tone).toBe("error");
    expect(element?.classList.contains("is-visible")).toBe(true);
    vi.advanceTimersByTime(3500);
    expect(element?.classList.contains("is-visible")).toBe(false);
  });

  it("announcer_SameWordsTwice_SaidAgain", () => {
    vi.useFakeTimers();
    const root = stampedPage();
    const announcer = new Announcer(root);
    const element = root.querySelector('[data-testid="announcer"]');
    announcer.say("a.png is labeled");
    vi.advanceTimersByTime(50);
    announcer.say("a.png is labeled");
    expect(element?.textContent).toBe("");
    vi.advanceTimersByTime(50);
    expect(element?.textContent).toBe("a.png is labeled");
  });
});
