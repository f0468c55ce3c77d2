// @vitest-environment happy-dom
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { CardModel } from "../cards";
import { parseFindings } from "../findings";
import { record } from "../test-records";
import { CardView } from "./card";

const now = Date.parse("2025-01-01T10:00:30Z");
const box = { left: 0.1, top: 0.2, width: 0.3, height: 0.1 };

function card(findings: Record<string, unknown>, imageId = "0190f0a0b0c0d0e0f000000000000009", threshold = 0): CardView {
  const model: CardModel = {
    key: imageId,
    record: record({ imageId, status: "labeled", imageUrl: "http://app.test/image.png", findings: parseFindings(findings) }),
    upload: null,
  };
  const view = new CardView(model, { cancel: () => {} });
  view.update(model, threshold, now);
  document.body.replaceChildren(view.element);
  return view;
}

describe("FindingsView in a card", () => {
  it("draws face boxes with age and emotion, lists text lines as text and shows swatches", () => {
    const view = card({
      faces: [{ confidence: 99, boundingBox: box, ageRange: { low: 20, high: 28 }, emotions: [{ type: "HAPPY", confidence: 90 }] }],
      text: [{ detectedText: "<b>NO</b> PARKING", confidence: 97, boundingBox: box }],
      imageProperties: { quality: { brightness: 60, sharpness: 60 }, dominantColors: [{ hexCode: "#0d0d0d", cssColor: "black", pixelPercent: 60 }] },
    });

    expect(view.element.querySelector(".face-box")?.getAttribute("title")).toBe("Age 20–28 · Happy 90%");
    const line = view.element.querySelector(".text-line")!;
    expect(line.textContent).toBe("<b>NO</b> PARKING");
    expect(line.querySelector("b")).toBeNull();
    expect(view.element.querySelectorAll(".swatch")).toHaveLength(1);
    expect(view.element.querySelector("[data-role=quality-warning]")).toBeNull();
  });

  it("highlights a text line's box on hover", () => {
    const view = card({ text: [{ detectedText: "OPEN", confidence: 97, boundingBox: box }, { detectedText: "SHOP", confidence: 96, boundingBox: box }] });

    view.element.querySelectorAll(".text-line")[1]!.dispatchEvent(new Event("pointerover", { bubbles: true }));

    const boxes = [...view.element.querySelectorAll(".text-box")];
    expect(boxes.map((b) => b.classList.contains("is-active"))).toEqual([false, true]);
  });

  it("keeps the hovered line and its box lit when a push re-renders the card", () => {
    const text = [{ detectedText: "OPEN", confidence: 97, boundingBox: box }, { detectedText: "SHOP", confidence: 96, boundingBox: box }];
    const view = card({ text });
    view.element.querySelectorAll(".text-line")[1]!.dispatchEvent(new Event("pointerover", { bubbles: true }));

    const pushed: CardModel = {
      key: "0190f0a0b0c0d0e0f000000000000009",
      record: record({ imageId: "0190f0a0b0c0d0e0f000000000000009", status: "labeled", imageUrl: "http://app.test/image.png", updatedAt: "2025-01-01T10:00:20.000Z", findings: parseFindings({ text }) }),
      upload: null,
    };
    view.update(pushed, 0, now);

    expect([...view.element.querySelectorAll(".text-line")].map((l) => l.classList.contains("is-active"))).toEqual([false, true]);
    expect([...view.element.querySelectorAll(".text-box")].map((b) => b.classList.contains("is-active"))).toEqual([false, true]);
  });

  it("hides faces and text below the confidence slider", () => {
    const view = card({ faces: [{ confidence: 40, boundingBox: box }], text: [{ detectedText: "faint", confidence: 30, boundingBox: box }] }, undefined, 50);

    expect(view.element.querySelector(".face-box")).toBeNull();
    expect(view.element.querySelector(".text-line")).toBeNull();
  });

  it("blurs a flagged image with the reason until Show is pressed, and warns about a dark one", () => {
    const view = card(
      { moderation: [{ name: "Violence", parentName: "", confidence: 88, taxonomyLevel: 1 }], imageProperties: { quality: { brightness: 5, sharpness: 80 } } },
      "0190f0a0b0c0d0e0f00000000000000a",
    );

    expect(view.element.classList.contains("is-flagged")).toBe(true);
    expect(view.element.querySelector(".flag-reason")?.textContent).toBe("Hidden: Violence");
    expect(view.element.querySelector("[data-role=quality-warning]")?.textContent).toContain("dark");
    view.element.querySelector<HTMLButtonElement>(".flag-cover button")!.click();
    expect(view.element.classList.contains("is-flagged")).toBe(false);
    expect(view.element.querySelector(".flag-cover")).toBeNull();
  });

  it("keeps a flagged image's text lines out of sight until Show is pressed", () => {
    const style = document.createElement("style");
    style.textContent = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "styles.css"), "utf8");
    document.head.replaceChildren(style);
    const findings = {
      moderation: [{ name: "Violence", parentName: "", confidence: 88, taxonomyLevel: 1 }],
      text: [{ detectedText: "WHAT THE PICTURE SAYS", confidence: 97, boundingBox: box }],
    };
    const view = card(findings, "0190f0a0b0c0d0e0f00000000000000b");
    const hidden = window.getComputedStyle(view.element.querySelector<HTMLElement>(".findings-text")!).display;
    view.element.querySelector<HTMLButtonElement>(".flag-cover button")!.click();
    // Shown in this tab: the card as drawn from now on (a fresh element, so no style is cached) shows its text.
    const shown = card(findings, "0190f0a0b0c0d0e0f00000000000000b");

    expect(hidden).toBe("none");
    expect(window.getComputedStyle(shown.element.querySelector<HTMLElement>(".findings-text")!).display).not.toBe("none");
    document.head.replaceChildren();
  });
});
