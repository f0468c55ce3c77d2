// Faces, text lines, colours, a quality warning and the unsafe-content blur for one card. Hooked into card.ts with
// two calls; everything from the network goes in as text (h() and textContent), and colours only as checked #rrggbb.
import type { ImageRecord } from "../records";
import {
  describeFace,
  moderationFlags,
  qualityWarning,
  visibleFindings,
  type Findings,
  type TextLine,
} from "../findings";
import { copyText } from "./clipboard";
import { clear, h } from "./dom";

/** Images a person chose to see in this tab; a flagged image stays blurred elsewhere until shown there. */
const revealed = new Set<string>();

const percent = (value: number): string => `${value * 100}%`;

export class FindingsView {
  readonly element: HTMLElement;
  private signature = "";
  private layer: HTMLElement | null = null;
  /** The text line under the pointer or focus, kept so a re-render (a push, a new frame) lights it again. */
  private active: string | null = null;

  constructor(private readonly card: HTMLElement) {
    this.element = h("div", { class: "card-findings" });
    this.element.addEventListener("pointerover", (event) => this.highlightFrom(event.target));
    this.element.addEventListener("pointerleave", () => this.highlight(null));
    this.element.addEventListener("focusin", (event) => this.highlightFrom(event.target));
    this.element.addEventListener("focusout", () => this.highlight(null));
  }

  render(record: ImageRecord | null, threshold: number, media: HTMLElement): void {
    const findings = record?.status === "labeled" ? record.findings : undefined;
    const frame = media.querySelector<HTMLElement>(".frame");
    const signature = JSON.stringify([record?.imageId, record?.updatedAt, threshold, frame !== null, revealed.has(record?.imageId ?? "")]);
    // The card rebuilds its frame when the picture changes; draw again into the new one.
    if (signature === this.signature && (!frame || (this.layer !== null && frame.contains(this.layer)))) return;
    this.signature = signature;
    clear(this.element);
    this.layer = null;
    this.renderBlur(record, findings, frame);
    if (!findings || !record) return;
    const { faces, text } = visibleFindings(findings, threshold);
    if (frame) this.renderBoxes(frame, faces, text);
    this.renderWarning(findings);
    this.renderText(record, text);
    this.renderFaces(faces.length, findings);
    this.renderSwatches(findings);
    this.highlight(this.active);
  }

  private renderBlur(record: ImageRecord | null, findings: Findings | undefined, frame: HTMLElement | null): void {
    const flags = moderationFlags(findings);
    const id = record?.imageId ?? "";
    const blurred = flags.length > 0 && !revealed.has(id);
    this.card.classList.toggle("is-flagged", blurred);
    frame?.querySelector(".flag-cover")?.remove();
    if (!blurred || !frame) return;
    const reason = `Hidden: ${flags.map((f) => f.name).join(", ")}`;
    frame.append(
      h("div", { class: "flag-cover", attrs: { "data-role": "flag-cover" } }, [
        h("p", { class: "flag-reason", text: reason }),
        h("button", {
          class: "button button-small",
          text: "Show",
          attrs: { type: "button", "aria-label": `Show ${record?.fileName ?? "image"}` },
          on: {
            click: () => {
              revealed.add(id);
              this.card.classList.remove("is-flagged");
              frame.querySelector(".flag-cover")?.remove();
              this.signature = "";
            },
          },
        }),
      ]),
    );
  }

  private renderBoxes(frame: HTMLElement, faces: Findings["faces"], text: TextLine[]): void {
    frame.querySelector(".finding-boxes")?.remove();
    const layer = h("div", { class: "finding-boxes" });
    faces.forEach((face, index) => {
      const b = face.boundingBox;
      const label = describeFace(face);
      layer.append(
        h(
          "div",
          {
            class: "face-box",
            attrs: { title: label, "data-face-index": index },
            style: { left: percent(b.left), top: percent(b.top), width: percent(b.width), height: percent(b.height) },
          },
          [h("span", { class: "face-tag", text: label })],
        ),
      );
    });
    text.forEach((line, index) => {
      const b = line.boundingBox;
      layer.append(
        h("div", {
          class: "text-box",
          attrs: { "data-text-index": index, "aria-hidden": "true" },
          style: { left: percent(b.left), top: percent(b.top), width: percent(b.width), height: percent(b.height) },
        }),
      );
    });
    frame.append(layer);
    this.layer = layer;
  }

  private renderWarning(findings: Findings): void {
    const warning = qualityWarning(findings);
    if (warning) this.element.append(h("p", { class: "quality-warning", attrs: { "data-role": "quality-warning" }, text: warning }));
  }

  private renderText(record: ImageRecord, lines: TextLine[]): void {
    if (lines.length === 0) return;
    const list = h("ul", { class: "text-lines", attrs: { "aria-label": `Text in ${record.fileName}` } });
    lines.forEach((line, index) => {
      list.append(
        h("li", { class: "text-line", attrs: { tabindex: 0, "data-text-index": index }, text: line.detectedText }),
      );
    });
    const status = h("span", { class: "copy-status", attrs: { role: "status" } });
    this.element.append(
      h("div", { class: "findings-text" }, [
        h("div", { class: "findings-heading" }, [
          h("h4", { text: "Text" }),
          h("button", {
            class: "button button-quiet button-small",
            text: "Copy text",
            attrs: { type: "button" },
            on: {
              click: async () => {
                const copied = await copyText(lines.map((l) => l.detectedText).join("\n"));
                status.textContent = copied ? "Copied" : "Could not copy";
              },
            },
          }),
          status,
        ]),
        list,
      ]),
    );
  }

  private renderFaces(shown: number, findings: Findings): void {
    if (findings.analyses.faces !== "done" || shown === 0) return;
    this.element.append(h("p", { class: "faces-count", text: shown === 1 ? "1 face" : `${shown} faces` }));
  }

  private renderSwatches(findings: Findings): void {
    if (findings.dominantColors.length === 0) return;
    const row = h("ul", { class: "swatches", attrs: { "aria-label": "Dominant colours" } });
    for (const color of findings.dominantColors) {
      const name = color.cssColor ?? color.simplifiedColor ?? color.hexCode;
      row.append(
        h("li", {
          class: "swatch",
          attrs: { title: `${name} ${color.hexCode} · ${Math.round(color.pixelPercent)}%` },
          style: { "--swatch": color.hexCode },
        }),
      );
    }
    this.element.append(row);
  }

  private highlightFrom(target: EventTarget | null): void {
    const item = target instanceof HTMLElement ? target.closest<HTMLElement>(".text-line") : null;
    this.highlight(item?.dataset.textIndex ?? null);
  }

  private highlight(index: string | null): void {
    this.active = index;
    if (!this.layer) return;
    this.layer.classList.toggle("has-active", index !== null);
    for (const box of this.layer.querySelectorAll<HTMLElement>(".text-box")) {
      box.classList.toggle("is-active", index !== null && box.dataset.textIndex === index);
    }
    for (const item of this.element.querySelectorAll<HTMLElement>(".text-line")) {
      item.classList.toggle("is-active", index !== null && item.dataset.textIndex === index);
    }
  }
}
