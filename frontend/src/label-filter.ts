// The confidence slider: which labels and boxes a card shows at a threshold (0–100).

import type { Label, LabelInstance } from "./records";

export interface ShownLabel {
  label: Label;
  /** Stable index into the card's full label list, used to pair a label with its boxes and colour. */
  index: number;
  /** Boxes at or above the threshold. */
  instances: LabelInstance[];
}

export interface FilteredLabels {
  shown: ShownLabel[];
  /** Labels hidden by the threshold. */
  hiddenCount: number;
}

export function clampThreshold(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(100, Math.max(0, Math.round(value)));
}

/**
 * Labels at or above the threshold, most confident first. On a tie, a label with boxes (a thing
 * in the picture, "Dog") goes before one without (a category, "Animal"); then the API's order.
 */
export function filterLabels(labels: readonly Label[], threshold: number): FilteredLabels {
  const min = clampThreshold(threshold);
  const shown = labels
    .map((label, index) => ({ label, index }))
    .filter(({ label }) => label.confidence >= min)
    .sort(
      (a, b) =>
        b.label.confidence - a.label.confidence ||
        Number(b.label.instances.length > 0) - Number(a.label.instances.length > 0) ||
        a.index - b.index,
    )
    .map(({ label, index }) => ({
      label,
      index,
      instances: label.instances.filter((instance) => instance.confidence >= min),
    }));
  return { shown, hiddenCount: labels.length - shown.length };
}

/** "87%" style text for a confidence; one decimal below 10 so small values are not shown as 0%. */
export function formatConfidence(confidence: number): string {
  return confidence < 10 ? `${confidence.toFixed(1)}%` : `${Math.round(confidence)}%`;
}
