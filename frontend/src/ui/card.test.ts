// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { CardModel } from "../cards";
import type { Label } from "../records";
import { record } from "../test-records";
import type { LocalUpload } from "../uploads";
import { CardView } from "./card";
import { CardGrid } from "./grid";

const now = Date.parse("2025-01-01T10:00:30Z");
const labels: Label[] = [
  { name: "Dog", confidence: 91, parents: ["Pet", "Animal"], instances: [{ confidence: 91, boundingBox: { left: 0.1, top: 0.2, width: 0.3, height: 0.4 } }] },
  { name: "Bicycle", confidence: 64, parents: [], instances: [{ confidence: 64, boundingBox: { left: 0.5, top: 0.1, width: 0.4, height: 0.5 } }] },
  { name: "Animal", confidence: 91, parents: [], instances: [] },
];

function localUpload(overrides: Partial<LocalUpload> = {}): LocalUpload {
  return {
    localId: "u1",
    fileName: "dog.jpg",
    size: 2048,
    contentType: "image/jpeg",
    previewUrl: "blob:http://app.test/1",
    phase: "uploading",
    loaded: 512,
    total: 2048,
    imageId: null,
    error: null,
    startedAt: now,
    ...overrides,
  };
}

function view(model: CardModel, threshold = 0, cancel: (id: string) => void = () => {}) {
  const card = new CardView(model, { cancel });
  card.update(model, threshold, now);
  document.body.replaceChildren(card.element);
  return card;
}

describe("CardView", () => {
  it("update_FileNameLikeHtml_RenderedAsText", () => {
    const name = "<img src=x onerror=alert(1)>.png";
    const card = view({ key: "k", record: record({ fileName: name }), upload: null });
    expect(card.element.querySelector(".card-title")?.textContent).toBe(name);
    expect(card.element.querySelector(".placeholder-name")?.textContent).toBe(name);
    expect(card.element.querySelector('img[src="x"]')).toBeNull();
  });

  it("update_LabelLikeHtml_RenderedAsText", () => {
    const evil: Label[] = [{ name: "<b>bold</b>", confidence: 80, parents: ["<i>x</i>"], instances: [] }];
    const card = view({ key: "k", record: record({ status: "labeled", labels: evil }), upload: null });
    expect(card.element.querySelector(".label-name")?.textContent).toBe("<b>bold</b>");
    expect(card.element.querySelector("b, i")).toBeNull();
  });

  it("update_Uploading_ShowsProgressAndCancelCallsAction", () => {
    const canceled: string[] = [];
    const card = view({ key: "k", record: null, upload: localUpload() }, 0, (id) => canceled.push(id));
    expect(card.element.dataset.status).toBe("uploading");
    expect((card.element.querySelector(".progress-fill") as HTMLElement).style.width).toBe("25%");
    expect(card.element.querySelector(".status-text")?.textContent).toBe("Uploading 25%");
    card.element.querySelector<HTMLButtonElement>(".progress-row button")?.click();
    expect(canceled).toEqual(["u1"]);
    expect(document.activeElement).toBe(card.element);
  });

  it("update_LabeledWithPicture_DrawsBoxesByRatio", () => {
    const card = view({ key: "k", record: record({ status: "labeled", labels }), upload: localUpload({ phase: "uploaded", imageId: "x" }) });
    const boxes = [...card.element.querySelectorAll<HTMLElement>(".box")];
    expect(boxes).toHaveLength(2);
    expect(boxes[0]?.style.left).toBe("10%");
    expect(boxes[0]?.style.top).toBe("20%");
    expect(boxes[0]?.style.width).toBe("30%");
    expect(boxes[0]?.style.height).toBe("40%");
    expect(boxes[0]?.textContent).toBe("Dog 91%");
    expect([...card.element.querySelectorAll(".label-name")].map((n) => n.textContent)).toEqual(["Dog", "Animal", "Bicycle"]);
    expect(card.element.querySelector(".label-parents")?.textContent).toBe("Pet · Animal");
  });

  it("focus_OnLabelWithBoxes_HighlightsOnlyItsBoxes", () => {
    const card = view({ key: "k", record: record({ status: "labeled", labels }), upload: localUpload({ phase: "uploaded", imageId: "x" }) });
    const bicycle = card.element.querySelector<HTMLElement>('.label[data-label="Bicycle"]');
    expect(bicycle?.getAttribute("tabindex")).toBe("0");
    expect(card.element.querySelector('.label[data-label="Animal"]')?.hasAttribute("tabindex")).toBe(false);
    bicycle?.focus();
    const active = [...card.element.querySelectorAll<HTMLElement>(".box.is-active")];
    expect(active.map((b) => b.textContent)).toEqual(["Bicycle 64%"]);
    expect(card.element.querySelector(".boxes")?.classList.contains("has-active")).toBe(true);
  });

  it("hover_ThenLeave_FallsBackToFocusedLabel", () => {
    const card = view({ key: "k", record: record({ status: "labeled", labels }), upload: localUpload({ phase: "uploaded", imageId: "x" }) });
    const dog = card.element.querySelector<HTMLElement>('.label[data-label="Dog"]');
    const bicycle = card.element.querySelector<HTMLElement>('.label[data-label="Bicycle"]');
    dog?.focus();
    bicycle?.dispatchEvent(new Event("pointerover", { bubbles: true }));
    expect([...card.element.querySelectorAll(".box.is-active")].map((b) => b.textContent)).toEqual(["Bicycle 64%"]);
    card.element.dispatchEvent(new Event("pointerleave"));
    expect([...card.element.querySelectorAll(".box.is-active")].map((b) => b.textContent)).toEqual(["Dog 91%"]);
    dog?.blur();
    expect(card.element.querySelectorAll(".box.is-active")).toHaveLength(0);
  });

  it("update_Threshold_HidesLabelsAndBoxesBelowIt", () => {
    const model: CardModel = { key: "k", record: record({ status: "labeled", labels }), upload: localUpload({ phase: "uploaded", imageId: "x" }) };
    const card = view(model, 70);
    expect([...card.element.querySelectorAll(".label-name")].map((n) => n.textContent)).toEqual(["Dog", "Animal"]);
    expect(card.element.querySelectorAll(".box")).toHaveLength(1);
    expect(card.element.querySelector(".labels-hidden")?.textContent).toBe("1 more below 70%");
  });

  it("update_OtherTabWithoutUrl_PlaceholderWithNameAndNoBoxes", () => {
    const card = view({ key: "k", record: record({ status: "labeled", labels, fileName: "dog.jpg" }), upload: null });
    expect(card.element.querySelector(".placeholder-name")?.textContent).toBe("dog.jpg");
    expect(card.element.querySelector("img")).toBeNull();
    expect(card.element.querySelectorAll(".box")).toHaveLength(0);
  });

  it("update_RecordCarriesUrl_ShowsPicture", () => {
    const card = view({ key: "k", record: record({ imageUrl: "https://cdn.test/p.png" }), upload: null });
    expect(card.element.querySelector("img")?.getAttribute("src")).toBe("https://cdn.test/p.png");
  });

  it("update_Failed_ShowsReason", () => {
    const card = view({
      key: "k",
      record: record({ status: "failed", error: { code: "InvalidImageFormat", message: "The image is truncated." } }),
      upload: null,
    });
    expect(card.element.dataset.status).toBe("failed");
    const error = card.element.querySelector<HTMLElement>('[data-role="error"]');
    expect(error?.hidden).toBe(false);
    expect(error?.textContent).toBe("The image is truncated.");
  });
});

describe("CardGrid", () => {
  it("render_UpdatesInPlaceAndReorders_KeepsNodes", () => {
    const root = document.createElement("div");
    const grid = new CardGrid(root, { cancel: () => {} });
    const a: CardModel = { key: "a", record: record({ imageId: "a" }), upload: null };
    const b: CardModel = { key: "b", record: record({ imageId: "b" }), upload: null };
    grid.render([a, b], 0, now);
    const nodeA = root.children[0];
    grid.render([b, { ...a, record: record({ imageId: "a", status: "processing" }) }], 0, now);
    expect([...root.children].map((c) => (c as HTMLElement).dataset.key)).toEqual(["b", "a"]);
    expect(root.children[1]).toBe(nodeA);
    expect((nodeA as HTMLElement).dataset.status).toBe("processing");
    grid.render([b], 0, now);
    expect(root.children).toHaveLength(1);
  });
});
