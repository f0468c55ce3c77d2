// What the analyses besides labels found (DESIGN.md ImageRecord: faces, text, moderation, imageProperties,
// analyses), parsed from untrusted JSON, and the page's decisions about it: what the confidence slider keeps,
// whether a photo is flagged (blurred) or too dark or blurry to trust.
import type { BoundingBox } from "./records";

export interface Face {
  confidence: number;
  boundingBox: BoundingBox;
  ageRange: { low: number; high: number } | null;
  emotions: { type: string; confidence: number }[];
}

export interface TextLine {
  detectedText: string;
  confidence: number;
  boundingBox: BoundingBox;
}

export interface ModerationLabel {
  name: string;
  parentName: string;
  confidence: number;
  taxonomyLevel: number;
}

export interface DominantColor {
  hexCode: string;
  cssColor: string | null;
  simplifiedColor: string | null;
  pixelPercent: number;
}

export interface ImageQuality {
  brightness: number;
  sharpness: number;
  contrast: number;
}

export type AnalysisState = "done" | "off" | "failed";

export interface Findings {
  faces: Face[];
  text: TextLine[];
  moderation: ModerationLabel[];
  quality: ImageQuality | null;
  dominantColors: DominantColor[];
  analyses: Record<string, AnalysisState>;
}

/**
 * A moderation label at or above this confidence blurs the image. The figure is the server's
 * ModerationFlags.Threshold (functions/ImageLabelsLive.Core/Images/ModerationFlags.cs), which flags the emails;
 * Core.Tests' ModerationFlagsTests fails when the two differ.
 */
export const moderationThreshold = 60;
/** Brightness and sharpness (0–100) below which the page quietly warns. */
export const darkBelow = 25;
export const blurryBelow = 20;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === "string" ? value : null);
const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);
const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function box(value: unknown): BoundingBox | null {
  if (!isObject(value)) return null;
  const [left, top, width, height] = [num(value.left), num(value.top), num(value.width), num(value.height)];
  if (left === null || top === null || width === null || height === null) return null;
  const l = clamp(left, 0, 1);
  const t = clamp(top, 0, 1);
  const clamped = { left: l, top: t, width: clamp(width, 0, 1 - l), height: clamp(height, 0, 1 - t) };
  return clamped.width > 0 && clamped.height > 0 ? clamped : null;
}

const hexPattern = /^#[0-9a-fA-F]{6}$/;

/** Reads the findings of a record; anything malformed is dropped, never invented. */
export function parseFindings(value: Record<string, unknown>): Findings {
  const faces: Face[] = [];
  for (const raw of list(value.faces)) {
    if (!isObject(raw)) continue;
    const b = box(raw.boundingBox);
    const confidence = num(raw.confidence);
    if (!b || confidence === null) continue;
    const age = isObject(raw.ageRange) ? raw.ageRange : null;
    const low = age ? num(age.low) : null;
    const high = age ? num(age.high) : null;
    faces.push({
      confidence: clamp(confidence, 0, 100),
      boundingBox: b,
      ageRange: low !== null && high !== null && low <= high ? { low, high } : null,
      emotions: list(raw.emotions)
        .filter(isObject)
        .map((e) => ({ type: str(e.type) ?? "", confidence: clamp(num(e.confidence) ?? 0, 0, 100) }))
        .filter((e) => e.type.length > 0)
        .sort((a, b2) => b2.confidence - a.confidence),
    });
  }
  const text: TextLine[] = [];
  for (const raw of list(value.text)) {
    if (!isObject(raw)) continue;
    const b = box(raw.boundingBox);
    const detectedText = str(raw.detectedText);
    const confidence = num(raw.confidence);
    if (b && detectedText && detectedText.trim() && confidence !== null) {
      text.push({ detectedText, confidence: clamp(confidence, 0, 100), boundingBox: b });
    }
  }
  const moderation: ModerationLabel[] = [];
  for (const raw of list(value.moderation)) {
    if (!isObject(raw)) continue;
    const name = str(raw.name);
    const confidence = num(raw.confidence);
    if (name && confidence !== null) {
      moderation.push({
        name,
        parentName: str(raw.parentName) ?? "",
        confidence: clamp(confidence, 0, 100),
        taxonomyLevel: num(raw.taxonomyLevel) ?? 1,
      });
    }
  }
  const props = isObject(value.imageProperties) ? value.imageProperties : null;
  const q = props && isObject(props.quality) ? props.quality : null;
  const quality =
    q && num(q.brightness) !== null && num(q.sharpness) !== null
      ? { brightness: num(q.brightness)!, sharpness: num(q.sharpness)!, contrast: num(q.contrast) ?? 0 }
      : null;
  const dominantColors: DominantColor[] = [];
  for (const raw of list(props?.dominantColors)) {
    if (!isObject(raw)) continue;
    const hexCode = str(raw.hexCode);
    // Only a plain #rrggbb reaches a style; anything else is not a colour we draw.
    if (!hexCode || !hexPattern.test(hexCode)) continue;
    dominantColors.push({
      hexCode,
      cssColor: str(raw.cssColor),
      simplifiedColor: str(raw.simplifiedColor),
      pixelPercent: clamp(num(raw.pixelPercent) ?? 0, 0, 100),
    });
  }
  const analyses: Record<string, AnalysisState> = {};
  if (isObject(value.analyses)) {
    for (const [name, state] of Object.entries(value.analyses)) {
      if (state === "done" || state === "off" || state === "failed") analyses[name] = state;
    }
  }
  return { faces, text, moderation, quality, dominantColors, analyses };
}

/** The moderation labels that blur the image, most confident first. */
export function moderationFlags(findings: Findings | undefined, threshold = moderationThreshold): ModerationLabel[] {
  return (findings?.moderation ?? []).filter((m) => m.confidence >= threshold).sort((a, b) => b.confidence - a.confidence);
}

/** A short, quiet sentence when the photo is too dark or too blurry for its results to be trusted. */
export function qualityWarning(findings: Findings | undefined): string | null {
  const quality = findings?.quality;
  if (!quality) return null;
  const dark = quality.brightness < darkBelow;
  const blurry = quality.sharpness < blurryBelow;
  if (dark && blurry) return "This photo is dark and blurry; results may miss things.";
  if (dark) return "This photo is dark; results may miss things.";
  if (blurry) return "This photo looks blurry; results may miss things.";
  return null;
}

/** Faces and text lines the confidence slider keeps. */
export function visibleFindings(findings: Findings | undefined, threshold: number): { faces: Face[]; text: TextLine[] } {
  return {
    faces: (findings?.faces ?? []).filter((f) => f.confidence >= threshold),
    text: (findings?.text ?? []).filter((t) => t.confidence >= threshold),
  };
}

export function describeFace(face: Face): string {
  const parts = [];
  if (face.ageRange) parts.push(`Age ${face.ageRange.low}–${face.ageRange.high}`);
  const top = face.emotions[0];
  if (top) parts.push(`${top.type.charAt(0)}${top.type.slice(1).toLowerCase()} ${Math.round(top.confidence)}%`);
  return parts.length > 0 ? parts.join(" · ") : `Face ${Math.round(face.confidence)}%`;
}
