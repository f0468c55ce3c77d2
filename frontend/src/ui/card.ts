// One image card: picture (with boxes), file name, live status, labels with confidence bars.

import { FindingsView } from "./findings-view";
import { cardFileName, cardStatus, type CardModel, type CardStatus } from "../cards";
import type { ImageRecord } from "../records";
import { filterLabels, formatConfidence, type ShownLabel } from "../label-filter";
import { formatBytes } from "../upload-validation";
import { clear, h, icon } from "./dom";

/** Box and swatch colours, paired by a label's index in its card. */
const palette = ["#4f7cff", "#f06a4a", "#1fb38a", "#b15cf0", "#e8a317", "#1aa3c8", "#e5508f", "#7a8b23"];

export function labelColor(index: number): string {
  return palette[index % palette.length] ?? "#4f7cff";
}

export interface CardActions {
  cancel(localId: string): void;
  /** Copies the record's JSON (the card's "Copy JSON"). */
  copyJson?(record: ImageRecord): void;
  /** Deletes the image, with a few seconds to undo (the card's "Delete"). */
  remove?(record: ImageRecord): void;
}

export function relativeTime(iso: string | null, startedAt: number | null, now: number): string {
  const at = iso ? Date.parse(iso) : startedAt;
  if (at === null || Number.isNaN(at)) return "";
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return new Date(at).toLocaleDateString(undefined, { month: "short", day: "numeric" });
}

export class CardView {
  readonly element: HTMLElement;
  private readonly media: HTMLElement;
  private readonly title: HTMLElement;
  private readonly meta: HTMLElement;
  private readonly statusPill: HTMLElement;
  private readonly statusText: HTMLElement;
  private readonly progressRow: HTMLElement;
  private readonly progressFill: HTMLElement;
  private readonly cancelButton: HTMLButtonElement;
  private readonly errorBox: HTMLElement;
  private readonly labelsBox: HTMLElement;
  private readonly tools: HTMLElement;
  private mediaSignature = "";
  private boxesSignature = "";
  private labelsSignature = "";
  private boxes: HTMLElement | null = null;
  private threshold = 0;
  private imageBroken = false;
  private model: CardModel;
  private readonly findings: FindingsView;

  constructor(
    model: CardModel,
    private readonly actions: CardActions,
  ) {
    this.model = model;
    this.media = h("div", { class: "card-media" });
    this.title = h("h3", { class: "card-title" });
    this.meta = h("p", { class: "card-meta" });
    this.statusText = h("span", { class: "status-text" });
    this.statusPill = h("span", { class: "status", attrs: { "data-role": "status" } }, [
      h("span", { class: "status-dot", attrs: { "aria-hidden": "true" } }),
      this.statusText,
    ]);
    this.progressFill = h("div", { class: "progress-fill" });
    this.cancelButton = h("button", {
      class: "button button-quiet button-small",
      text: "Cancel",
      attrs: { type: "button" },
      on: {
        click: () => {
          if (this.model.upload) this.actions.cancel(this.model.upload.localId);
          // The button is about to disappear; keep the keyboard's place on this card.
          this.element.focus();
        },
      },
    });
    this.progressRow = h("div", { class: "progress-row" }, [
      h("div", { class: "progress", attrs: { role: "progressbar", "aria-valuemin": 0, "aria-valuemax": 100 } }, [
        this.progressFill,
      ]),
      this.cancelButton,
    ]);
    this.errorBox = h("p", { class: "card-error", attrs: { "data-role": "error" } });
    this.labelsBox = h("div", { class: "card-labels" });
    this.tools = h("div", { class: "card-tools" }, [
      actions.copyJson
        ? h("button", {
            class: "button button-quiet button-small",
            text: "Copy JSON",
            attrs: { type: "button", "data-action": "copy-json" },
            on: { click: () => this.model.record && actions.copyJson?.(this.model.record) },
          })
        : null,
      actions.remove
        ? h("button", {
            class: "button button-quiet button-small",
            text: "Delete",
            attrs: { type: "button", "data-action": "delete" },
            on: { click: () => this.model.record && actions.remove?.(this.model.record) },
          })
        : null,
    ]);
    this.element = h("article", { class: "card", attrs: { tabindex: -1 } }, [
      this.media,
      h("div", { class: "card-body" }, [
        h("div", { class: "card-head" }, [h("div", { class: "card-heading" }, [this.title, this.meta]), this.statusPill]),
        this.progressRow,
        this.errorBox,
        this.labelsBox,
        this.tools,
      ]),
    ]);
    this.findings = new FindingsView(this.element);
    this.labelsBox.after(this.findings.element);
    // Hover or keyboard focus on a label lights up its boxes.
    this.element.addEventListener("pointerover", (event) => this.highlightFrom(event.target));
    // Leaving with the pointer falls back to the keyboard-focused label, if any.
    this.element.addEventListener("pointerleave", () => this.highlightFrom(document.activeElement));
    this.element.addEventListener("focusin", (event) => this.highlightFrom(event.target));
    this.element.addEventListener("focusout", (event) => {
      const next = event.relatedTarget as Node | null;
      if (next && this.element.contains(next)) return;
      // Switching windows blurs without moving focus; the highlight stays with the focused label.
      if (!next && document.activeElement === event.target) return;
      this.highlight(null);
    });
  }

  get key(): string {
    return this.model.key;
  }

  update(model: CardModel, threshold: number, now: number): void {
    this.model = model;
    this.threshold = threshold;
    const status = cardStatus(model, now);
    const fileName = cardFileName(model);
    this.element.dataset.key = model.key;
    this.element.dataset.status = status.state;
    if (model.record) this.element.dataset.imageId = model.record.imageId;
    this.element.setAttribute("aria-label", `${fileName}: ${status.text}`);
    if (this.title.textContent !== fileName) {
      this.title.textContent = fileName;
      this.title.title = fileName;
    }
    const size = model.record?.size || model.upload?.size || 0;
    const when = relativeTime(model.record?.createdAt ?? null, model.upload?.startedAt ?? null, now);
    this.meta.textContent = [size > 0 ? formatBytes(size) : "", when].filter(Boolean).join(" · ");
    this.renderStatus(status);
    this.renderMedia(model, fileName, threshold);
    this.renderLabels(model, status, threshold);
    this.findings.render(model.record, threshold, this.media);
    this.tools.hidden = !model.record || this.tools.childElementCount === 0;
  }

  private renderStatus(status: CardStatus): void {
    this.statusPill.className = `status status-${status.tone}`;
    this.statusText.textContent = status.text;
    const active = this.model.upload !== null && status.progress !== null && status.state !== "processing";
    this.progressRow.hidden = !active;
    if (active) {
      const percent = Math.round((status.progress ?? 0) * 100);
      this.progressFill.style.width = `${percent}%`;
      const bar = this.progressRow.firstElementChild;
      bar?.setAttribute("aria-valuenow", String(percent));
      bar?.setAttribute("aria-label", `Upload progress for ${cardFileName(this.model)}`);
      this.cancelButton.setAttribute("aria-label", `Cancel upload of ${cardFileName(this.model)}`);
    }
    this.errorBox.hidden = !status.detail;
    this.errorBox.textContent = status.detail ?? "";
    this.errorBox.className = status.state === "failed" ? "card-error" : "card-note";
  }

  private pictureUrl(model: CardModel): string | null {
    if (this.imageBroken) return null;
    return model.upload?.previewUrl ?? model.record?.imageUrl ?? null;
  }

  private renderMedia(model: CardModel, fileName: string, threshold: number): void {
    const url = this.pictureUrl(model);
    const signature = JSON.stringify([url, fileName]);
    if (signature !== this.mediaSignature) {
      this.mediaSignature = signature;
      this.boxesSignature = "";
      this.boxes = null;
      clear(this.media);
      if (!url) {
        this.media.className = "card-media card-media-placeholder";
        this.media.append(
          h("div", { class: "placeholder" }, [
            icon("image", "placeholder-icon"),
            h("span", { class: "placeholder-name", text: fileName }),
          ]),
        );
      } else {
        this.media.className = "card-media";
        const img = h("img", {
          // Lazy: with a thousand cards only the pictures near the screen are fetched and decoded.
          attrs: { src: url, alt: fileName, decoding: "async", loading: "lazy" },
          on: {
            error: () => {
              // An expired or unreachable picture falls back to the placeholder.
              this.imageBroken = true;
              this.update(this.model, this.threshold, Date.now());
            },
          },
        });
        this.boxes = h("div", { class: "boxes", attrs: { "aria-hidden": "true" } });
        this.media.append(h("div", { class: "frame" }, [img, this.boxes]));
      }
    }
    if (this.boxes) this.renderBoxes(this.boxes, model, threshold);
  }

  private renderBoxes(boxes: HTMLElement, model: CardModel, threshold: number): void {
    const labels = model.record?.status === "labeled" ? model.record.labels : [];
    const signature = JSON.stringify([threshold, model.record?.updatedAt ?? "", labels.length]);
    if (signature === this.boxesSignature) return;
    this.boxesSignature = signature;
    clear(boxes);
    for (const shown of filterLabels(labels, threshold).shown) {
      for (const instance of shown.instances) {
        const box = instance.boundingBox;
        boxes.append(
          h(
            "div",
            {
              class: "box",
              attrs: { "data-label-index": shown.index },
              style: {
                left: `${box.left * 100}%`,
                top: `${box.top * 100}%`,
                width: `${box.width * 100}%`,
                height: `${box.height * 100}%`,
                "--c": labelColor(shown.index),
              },
            },
            [h("span", { class: "box-tag", text: `${shown.label.name} ${formatConfidence(instance.confidence)}` })],
          ),
        );
      }
    }
  }

  private renderLabels(model: CardModel, status: CardStatus, threshold: number): void {
    const record = model.record;
    const labels = record?.status === "labeled" ? record.labels : null;
    const signature = labels
      ? JSON.stringify([record?.imageId, record?.updatedAt, threshold, labels.length, this.pictureUrl(model) !== null])
      : "";
    if (signature === this.labelsSignature) return;
    this.labelsSignature = signature;
    clear(this.labelsBox);
    if (!labels || status.state !== "labeled") return;
    if (labels.length === 0) {
      this.labelsBox.append(h("p", { class: "labels-empty", text: "No labels found in this image." }));
      return;
    }
    const { shown, hiddenCount } = filterLabels(labels, threshold);
    const list = h("ul", { class: "labels", attrs: { "aria-label": `Labels for ${cardFileName(model)}` } });
    for (const item of shown) list.append(this.labelItem(item));
    this.labelsBox.append(list);
    if (hiddenCount > 0) {
      this.labelsBox.append(
        h("p", {
          class: "labels-hidden",
          text: `${hiddenCount} more below ${threshold}%`,
        }),
      );
    }
  }

  private labelItem(item: ShownLabel): HTMLElement {
    const { label, index, instances } = item;
    const hasBoxes = instances.length > 0 && this.pictureUrl(this.model) !== null;
    const percent = formatConfidence(label.confidence);
    const name = h("span", { class: "label-name", text: label.name });
    const head = h("div", { class: "label-head" }, [
      h("span", {
        class: "swatch",
        attrs: { "aria-hidden": "true" },
        style: { "--c": labelColor(index) },
      }),
      name,
      instances.length > 0
        ? h("span", {
            class: "label-count",
            text: `×${instances.length}`,
            attrs: { title: `${instances.length} found in the image` },
          })
        : null,
      h("span", { class: "label-confidence", text: percent }),
    ]);
    const bar = h("div", { class: "bar", attrs: { "aria-hidden": "true" } }, [
      h("div", {
        class: "bar-fill",
        style: { width: `${Math.max(2, label.confidence)}%`, "--c": labelColor(index) },
      }),
    ]);
    const children: HTMLElement[] = [head, bar];
    if (label.parents.length > 0) {
      children.push(h("div", { class: "label-parents", text: label.parents.join(" · ") }));
    }
    const described = [label.name, `${percent} confidence`];
    if (label.parents.length > 0) described.push(`part of ${label.parents.join(", ")}`);
    if (hasBoxes) described.push(`${instances.length} outlined in the image`);
    return h(
      "li",
      {
        class: hasBoxes ? "label label-boxed" : "label",
        attrs: {
          "data-label-index": index,
          "data-label": label.name,
          tabindex: hasBoxes ? 0 : null,
          "aria-label": described.join(", "),
        },
      },
      children,
    );
  }

  private highlightFrom(target: EventTarget | null): void {
    const item = target instanceof Element ? target.closest<HTMLElement>(".label[data-label-index]") : null;
    this.highlight(item && this.labelsBox.contains(item) ? item.dataset.labelIndex ?? null : null);
  }

  private highlight(index: string | null): void {
    const boxes = this.media.querySelector(".boxes");
    if (boxes) boxes.classList.toggle("has-active", index !== null);
    for (const box of this.media.querySelectorAll<HTMLElement>(".box")) {
      box.classList.toggle("is-active", index !== null && box.dataset.labelIndex === index);
    }
    for (const item of this.labelsBox.querySelectorAll<HTMLElement>(".label")) {
      item.classList.toggle("is-active", index !== null && item.dataset.labelIndex === index);
    }
  }
}
