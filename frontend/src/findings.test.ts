import { describe, expect, it } from "vitest";
import { describeFace, moderationFlags, parseFindings, qualityWarning, visibleFindings } from "./findings";

const box = { left: 0.1, top: 0.2, width: 0.3, height: 0.4 };

describe("parseFindings", () => {
  it("reads faces, text, moderation, colours and analyses, dropping what is malformed", () => {
    const findings = parseFindings({
      faces: [
        { confidence: 99, boundingBox: box, ageRange: { low: 20, high: 28 }, emotions: [{ type: "CALM", confidence: 5 }, { type: "HAPPY", confidence: 90 }] },
        { confidence: 99, boundingBox: { left: 0.5 } },
      ],
      text: [{ detectedText: "NO PARKING", confidence: 97, boundingBox: box }, { detectedText: " ", confidence: 97, boundingBox: box }],
      moderation: [{ name: "Violence", parentName: "", confidence: 88, taxonomyLevel: 1 }],
      imageProperties: {
        quality: { brightness: 12, sharpness: 80, contrast: 40 },
        dominantColors: [{ hexCode: "#0d0d0d", cssColor: "black", pixelPercent: 60 }, { hexCode: "red;background:url(x)", pixelPercent: 10 }],
      },
      analyses: { labels: "done", faces: "done", text: "failed", moderation: "nonsense" },
    });

    expect(findings.faces).toHaveLength(1);
    expect(findings.faces[0]!.emotions[0]!.type).toBe("HAPPY");
    expect(findings.text.map((t) => t.detectedText)).toEqual(["NO PARKING"]);
    expect(findings.moderation[0]!.name).toBe("Violence");
    expect(findings.dominantColors.map((c) => c.hexCode)).toEqual(["#0d0d0d"]);
    expect(findings.analyses).toEqual({ labels: "done", faces: "done", text: "failed" });
  });

  it("gives empty findings for a record without them", () => {
    expect(parseFindings({})).toEqual({ faces: [], text: [], moderation: [], quality: null, dominantColors: [], analyses: {} });
  });
});

describe("decisions", () => {
  const findings = parseFindings({
    faces: [{ confidence: 95, boundingBox: box, ageRange: { low: 30, high: 38 }, emotions: [{ type: "HAPPY", confidence: 91.6 }] }, { confidence: 40, boundingBox: box }],
    text: [{ detectedText: "A", confidence: 90, boundingBox: box }, { detectedText: "B", confidence: 30, boundingBox: box }],
    moderation: [{ name: "Violence", confidence: 75 }, { name: "Weapons", parentName: "Violence", confidence: 45 }],
    imageProperties: { quality: { brightness: 10, sharpness: 90 } },
  });

  it("flags only moderation labels at or above the threshold", () => {
    expect(moderationFlags(findings).map((m) => m.name)).toEqual(["Violence"]);
    expect(moderationFlags(findings, 80)).toEqual([]);
  });

  it("warns quietly about a dark photo and not about a good one", () => {
    expect(qualityWarning(findings)).toBe("This photo is dark; results may miss things.");
    expect(qualityWarning(parseFindings({ imageProperties: { quality: { brightness: 60, sharpness: 60 } } }))).toBeNull();
  });

  it("applies the confidence slider to faces and text", () => {
    const shown = visibleFindings(findings, 50);
    expect(shown.faces).toHaveLength(1);
    expect(shown.text.map((t) => t.detectedText)).toEqual(["A"]);
  });

  it("describes a face by age range and top emotion", () => {
    expect(describeFace(findings.faces[0]!)).toBe("Age 30–38 · Happy 92%");
  });
});
