import { describe, expect, it } from "vitest";
import { parseImageRecord, safeImageUrl } from "./records";
import { record } from "./test-records";

describe("parseImageRecord", () => {
  it("parseImageRecord_ApiShape_ParsedWithLabelsAndBoxes", () => {
    const parsed = parseImageRecord({
      ...record({ status: "labeled" }),
      labels: [
        {
          name: "Dog",
          confidence: 91.5,
          parents: ["Animal", 7],
          instances: [{ confidence: 90, boundingBox: { left: 0.1, top: 0.2, width: 0.3, height: 0.4 } }],
        },
      ],
    });
    expect(parsed?.labels).toEqual([
      {
        name: "Dog",
        confidence: 91.5,
        parents: ["Animal"],
        instances: [{ confidence: 90, boundingBox: { left: 0.1, top: 0.2, width: 0.3, height: 0.4 } }],
      },
    ]);
  });

  it("parseImageRecord_MissingIdsOrUnknownStatus_Null", () => {
    expect(parseImageRecord({ ...record(), imageId: undefined })).toBeNull();
    expect(parseImageRecord({ ...record(), status: "archived" })).toBeNull();
    expect(parseImageRecord({ ...record(), status: "deleted" })?.status).toBe("deleted");
    expect(parseImageRecord("nope")).toBeNull();
    expect(parseImageRecord(null)).toBeNull();
  });

  it("parseImageRecord_BoxOutsideImage_ClampedOrDropped", () => {
    const parsed = parseImageRecord({
      ...record({ status: "labeled" }),
      labels: [
        {
          name: "Car",
          confidence: 80,
          parents: [],
          instances: [
            { confidence: 80, boundingBox: { left: 0.9, top: -0.1, width: 0.5, height: 0.5 } },
            { confidence: 80, boundingBox: { left: 0.5, top: 0.5, width: 0, height: 0.2 } },
            { confidence: 80, boundingBox: { left: "x" } },
          ],
        },
      ],
    });
    const boxes = parsed?.labels[0]?.instances.map((i) => i.boundingBox);
    expect(boxes).toHaveLength(1);
    expect(boxes?.[0]?.left).toBe(0.9);
    expect(boxes?.[0]?.top).toBe(0);
    expect(boxes?.[0]?.width).toBeCloseTo(0.1);
  });

  it("parseImageRecord_ErrorObject_Kept", () => {
    const parsed = parseImageRecord({ ...record({ status: "failed" }), error: { code: "Bad", message: "Truncated JPEG." } });
    expect(parsed?.error).toEqual({ code: "Bad", message: "Truncated JPEG." });
  });

  it("safeImageUrl_OnlyHttpHttpsBlob", () => {
    expect(safeImageUrl("https://cdn.test/a.png", "http://app.test/")).toBe("https://cdn.test/a.png");
    expect(safeImageUrl("/img/a.png", "http://app.test/x")).toBe("http://app.test/img/a.png");
    expect(safeImageUrl("javascript:alert(1)", "http://app.test/")).toBeUndefined();
    expect(safeImageUrl("data:image/svg+xml,<svg/>", "http://app.test/")).toBeUndefined();
    expect(safeImageUrl(42, "http://app.test/")).toBeUndefined();
  });
});
