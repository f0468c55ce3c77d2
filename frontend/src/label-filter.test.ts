import { describe, expect, it } from "vitest";
import { clampThreshold, filterLabels, formatConfidence } from "./label-filter";
import type { Label } from "./records";

const box = { left: 0.1, top: 0.1, width: 0.2, height: 0.2 };
const labels: Label[] = [
  { name: "Animal", confidence: 92, parents: [], instances: [] },
  { name: "Dog", confidence: 92, parents: ["Animal"], instances: [{ confidence: 92, boundingBox: box }, { confidence: 40, boundingBox: box }] },
  { name: "Bicycle", confidence: 65, parents: ["Vehicle"], instances: [{ confidence: 65, boundingBox: box }] },
  { name: "Truck", confidence: 30.5, parents: ["Vehicle"], instances: [] },
];

describe("filterLabels", () => {
  it("filterLabels_ZeroThreshold_ShowsAllMostConfidentFirst", () => {
    const result = filterLabels(labels, 0);
    expect(result.shown.map((s) => s.label.name)).toEqual(["Dog", "Animal", "Bicycle", "Truck"]);
    expect(result.hiddenCount).toBe(0);
  });

  it("filterLabels_Threshold_HidesBelowAndCountsThem", () => {
    const result = filterLabels(labels, 65);
    expect(result.shown.map((s) => s.label.name)).toEqual(["Dog", "Animal", "Bicycle"]);
    expect(result.hiddenCount).toBe(1);
  });

  it("filterLabels_Threshold_DropsBoxesBelowItToo", () => {
    const dog = filterLabels(labels, 50).shown.find((s) => s.label.name === "Dog");
    expect(dog?.instances).toHaveLength(1);
    expect(filterLabels(labels, 0).shown.find((s) => s.label.name === "Dog")?.instances).toHaveLength(2);
  });

  it("filterLabels_KeepsOriginalIndex_SoColoursStayPut", () => {
    const bicycle = filterLabels(labels, 60).shown.find((s) => s.label.name === "Bicycle");
    expect(bicycle?.index).toBe(2);
  });

  it("filterLabels_ThresholdAboveEverything_ShowsNothing", () => {
    expect(filterLabels(labels, 100)).toEqual({ shown: [], hiddenCount: 4 });
  });

  it("clampThreshold_OutOfRangeOrNaN_Clamped", () => {
    expect(clampThreshold(-5)).toBe(0);
    expect(clampThreshold(140)).toBe(100);
    expect(clampThreshold(Number.NaN)).toBe(0);
    expect(clampThreshold(42.6)).toBe(43);
  });

  it("formatConfidence_SmallValues_KeepADecimal", () => {
    expect(formatConfidence(87.44)).toBe("87%");
    expect(formatConfidence(4.25)).toBe("4.3%");
  });
});
