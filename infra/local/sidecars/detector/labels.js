'use strict';

const { toRekognitionLabel } = require('./coco-labels');

const DEFAULT_MIN_CONFIDENCE = 55; // Rekognition's documented default
const DEFAULT_MAX_LABELS = 1000; // Rekognition's documented default and upper limit

const toPercent = (score) => Math.round(score * 100 * 1e4) / 1e4;

function nameSet(list) {
  return Array.isArray(list) && list.length > 0 ? new Set(list.map((name) => String(name).toLowerCase())) : null;
}

/** Applies Settings.GeneralLabels filters; names and categories compare case-insensitively. */
function passesFilters(label, generalLabels) {
  if (!generalLabels) return true;
  const name = label.Name.toLowerCase();
  const categories = label.Categories.map((c) => c.Name.toLowerCase());
  const include = nameSet(generalLabels.LabelInclusionFilters);
  const exclude = nameSet(generalLabels.LabelExclusionFilters);
  const includeCategories = nameSet(generalLabels.LabelCategoryInclusionFilters);
  const excludeCategories = nameSet(generalLabels.LabelCategoryExclusionFilters);
  if (include && !include.has(name)) return false;
  if (exclude && exclude.has(name)) return false;
  if (includeCategories && !categories.some((c) => includeCategories.has(c))) return false;
  if (excludeCategories && categories.some((c) => excludeCategories.has(c))) return false;
  return true;
}

/**
 * Turns raw detections into Rekognition Labels: one Label per class holding its instances,
 * Label.Confidence the best instance's, sorted by confidence (then name, for a stable order),
 * instances under MinConfidence dropped, then cut to MaxLabels.
 *
 * @param {{label: string, score: number, box: {Width: number, Height: number, Left: number, Top: number}}[]} detections
 *        score in 0..1, box as ratios of the original image
 * @param {{minConfidence?: number, maxLabels?: number, generalLabels?: object, extra?: object[]}} [options] extra: whole-image labels (analysisLabel)
 */
function buildLabels(detections, options = {}) {
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const maxLabels = options.maxLabels ?? DEFAULT_MAX_LABELS;
  const byName = new Map();
  for (const detection of detections) {
    const confidence = toPercent(detection.score);
    if (!detection.box || confidence < minConfidence) continue;
    const mapped = toRekognitionLabel(detection.label);
    let entry = byName.get(mapped.name);
    if (!entry) {
      entry = {
        Name: mapped.name,
        Confidence: 0,
        Instances: [],
        Parents: mapped.parents.map((name) => ({ Name: name })),
        Aliases: mapped.aliases.map((name) => ({ Name: name })),
        Categories: mapped.categories.map((name) => ({ Name: name })),
      };
      byName.set(mapped.name, entry);
    }
    entry.Instances.push({ BoundingBox: { ...detection.box }, Confidence: confidence });
    entry.Confidence = Math.max(entry.Confidence, confidence);
  }
  // Labels from other analyses ("Face", "Text") have no boxes here; a detected class of the same name wins.
  for (const extra of options.extra ?? []) {
    if (!byName.has(extra.Name) && extra.Confidence >= minConfidence) byName.set(extra.Name, { ...extra, Instances: [] });
  }
  const labels = [...byName.values()].filter((label) => passesFilters(label, options.generalLabels));
  for (const label of labels) label.Instances.sort((a, b) => b.Confidence - a.Confidence);
  labels.sort((a, b) => b.Confidence - a.Confidence || a.Name.localeCompare(b.Name));
  return labels.slice(0, maxLabels);
}

module.exports = { buildLabels, passesFilters, DEFAULT_MIN_CONFIDENCE, DEFAULT_MAX_LABELS };
