'use strict';

// nsfwjs' five classes onto the first two levels of Rekognition's moderation taxonomy (version 7,
// "Using the image and video moderation APIs" in the Rekognition developer guide).
// - Porn (photographic sexual content) and Hentai (drawn sexual content) are "Explicit" /
//   "Explicit Nudity"; the model cannot tell nudity from sexual activity, so it never claims the latter.
// - Sexy (revealing, suggestive, not explicit) is "Non-Explicit Nudity of Intimate parts and
//   Kissing" / "Non-Explicit Nudity", the v7 home of what v6 called "Suggestive".
// - Neutral and Drawing are safe: no label.
// nsfwjs' classes are one softmax, so a level's confidence is the sum of the classes mapped to it.
// Level 3 (e.g. "Exposed Female Nipple") needs a body-part detector: not given.

const EXPLICIT = 'Explicit';
const NON_EXPLICIT = 'Non-Explicit Nudity of Intimate parts and Kissing';

/** nsfwjs class → [level-1 name, level-2 name]. */
const NSFW_TO_MODERATION = Object.freeze({
  Porn: Object.freeze([EXPLICIT, 'Explicit Nudity']),
  Hentai: Object.freeze([EXPLICIT, 'Explicit Nudity']),
  Sexy: Object.freeze([NON_EXPLICIT, 'Non-Explicit Nudity']),
});

// Rekognition's documented default for DetectModerationLabels.
const DEFAULT_MODERATION_MIN_CONFIDENCE = 50;

const toPercent = (p) => Math.round(Math.min(1, Math.max(0, p)) * 100 * 1e4) / 1e4;

/**
 * @param {Record<string, number>} probabilities nsfwjs class → probability
 * @param {number} [minConfidence] 0-100
 * @returns {{Confidence: number, Name: string, ParentName: string, TaxonomyLevel: number}[]} level 1 before its level 2, most confident first
 */
function toModerationLabels(probabilities, minConfidence = DEFAULT_MODERATION_MIN_CONFIDENCE) {
  const levels = new Map();
  for (const [className, [top, second]] of Object.entries(NSFW_TO_MODERATION)) {
    const p = probabilities[className] ?? 0;
    const group = levels.get(top) ?? { p: 0, children: new Map() };
    group.p += p;
    group.children.set(second, (group.children.get(second) ?? 0) + p);
    levels.set(top, group);
  }
  const labels = [];
  for (const [top, group] of [...levels].sort((a, b) => b[1].p - a[1].p)) {
    if (toPercent(group.p) < minConfidence) continue;
    labels.push({ Confidence: toPercent(group.p), Name: top, ParentName: '', TaxonomyLevel: 1 });
    for (const [second, p] of [...group.children].sort((a, b) => b[1] - a[1])) {
      if (toPercent(p) >= minConfidence) labels.push({ Confidence: toPercent(p), Name: second, ParentName: top, TaxonomyLevel: 2 });
    }
  }
  return labels;
}

module.exports = { toModerationLabels, NSFW_TO_MODERATION, DEFAULT_MODERATION_MIN_CONFIDENCE };
