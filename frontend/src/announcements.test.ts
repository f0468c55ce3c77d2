import { describe, expect, it } from "vitest";
import { describeResult, describeResults } from "./announcements";
import { record } from "./test-records";

const labels = [
  { name: "Dog", confidence: 91.2, parents: [], instances: [] },
  { name: "Animal", confidence: 91.2, parents: [], instances: [] },
  { name: "Bicycle", confidence: 64, parents: [], instances: [] },
  { name: "Truck", confidence: 40, parents: [], instances: [] },
];

describe("announcements", () => {
  it("describeResult_Labeled_NamesTopThreeAboveThreshold", () => {
    expect(describeResult(record({ fileName: "dog.jpg", status: "labeled", labels }), 0)).toBe(
      "dog.jpg is labeled: Dog 91%, Animal 91%, Bicycle 64%.",
    );
    expect(describeResult(record({ fileName: "dog.jpg", status: "labeled", labels }), 95)).toBe(
      "dog.jpg is labeled: no labels found.",
    );
  });

  it("describeResult_Failed_GivesTheReason", () => {
    const failed = record({ fileName: "x.jpg", status: "failed", error: { code: "Bad", message: "The image is truncated." } });
    expect(describeResult(failed, 0)).toBe("x.jpg failed: The image is truncated.");
  });

  it("describeResults_ManyAtOnce_Summarised", () => {
    const many = [1, 2, 3, 4].map((n) => record({ imageId: String(n), status: n === 4 ? "failed" : "labeled", labels }));
    expect(describeResults(many, 0)).toBe("4 new results: 3 labeled, 1 failed.");
    expect(describeResults([], 0)).toBeNull();
  });
});
