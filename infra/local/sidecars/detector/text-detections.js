'use strict';

// Turns tesseract's lines and words into Rekognition TextDetections: every kept LINE first (Ids
// from 0), then its WORDs with ParentId set to the line's Id, as Rekognition orders them.
// Geometry is the axis-aligned box tesseract reports, as ratios of the image, with the same box
// as a four-point Polygon.

// Tesseract reads texture as text too. On ../shared's eight photos (none shows legible text) such
// "lines" score 0-62, while text rendered from SVG reads at 90-96; a line under this is noise, and
// so is a word under it (single noise words inside such lines reached 94, so a word alone is not trusted).
const MIN_TEXT_CONFIDENCE = 70;
// A "line" with no letter or digit (a row of dashes, a stray bracket) is noise too.
const HAS_ALPHANUMERIC = /[\p{L}\p{N}]/u;

const round = (value) => Math.round(value * 1e4) / 1e4;

function geometry(bbox, width, height) {
  const left = Math.max(0, Math.min(1, bbox.x0 / width));
  const top = Math.max(0, Math.min(1, bbox.y0 / height));
  const right = Math.max(left, Math.min(1, bbox.x1 / width));
  const bottom = Math.max(top, Math.min(1, bbox.y1 / height));
  const box = { Width: round(right - left), Height: round(bottom - top), Left: round(left), Top: round(top) };
  return {
    BoundingBox: box,
    Polygon: [
      { X: round(left), Y: round(top) },
      { X: round(right), Y: round(top) },
      { X: round(right), Y: round(bottom) },
      { X: round(left), Y: round(bottom) },
    ],
  };
}

const centreInside = (box, region) => {
  const x = box.Left + box.Width / 2;
  const y = box.Top + box.Height / 2;
  return x >= region.Left && x <= region.Left + region.Width && y >= region.Top && y <= region.Top + region.Height;
};

/**
 * @param {object[]} lines from text-model.js, in pixels of an image of width x height
 * @param {{minConfidence?: number, minHeight?: number, minWidth?: number, regions?: object[]}} [filters] DetectText's Filters
 */
function toTextDetections(lines, width, height, filters = {}) {
  const minConfidence = Math.max(MIN_TEXT_CONFIDENCE, filters.minConfidence ?? 0);
  const regions = filters.regions ?? [];
  const keptLines = [];
  for (const line of lines) {
    const words = line.words
      .map((w) => ({ text: w.text.trim(), confidence: w.confidence, geometry: geometry(w.bbox, width, height) }))
      .filter((w) => w.text && HAS_ALPHANUMERIC.test(w.text) && w.confidence >= minConfidence)
      .filter((w) => w.geometry.BoundingBox.Height >= (filters.minHeight ?? 0) && w.geometry.BoundingBox.Width >= (filters.minWidth ?? 0))
      .filter((w) => regions.length === 0 || regions.some((r) => centreInside(w.geometry.BoundingBox, r)));
    const text = words.map((w) => w.text).join(' ');
    if (words.length === 0 || line.confidence < minConfidence) continue;
    keptLines.push({ text, confidence: line.confidence, geometry: geometry(line.bbox, width, height), words });
  }
  const detections = keptLines.map((line, id) => ({
    DetectedText: line.text,
    Type: 'LINE',
    Id: id,
    Confidence: round(line.confidence),
    Geometry: line.geometry,
  }));
  let nextId = keptLines.length;
  keptLines.forEach((line, parentId) => {
    for (const word of line.words) {
      detections.push({ DetectedText: word.text, Type: 'WORD', Id: nextId, ParentId: parentId, Confidence: round(word.confidence), Geometry: word.geometry });
      nextId += 1;
    }
  });
  return detections;
}

module.exports = { toTextDetections, MIN_TEXT_CONFIDENCE };
