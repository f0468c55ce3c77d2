'use strict';

// Turns Human's face results into Rekognition FaceDetails. Only what the local models measure is
// given: BoundingBox, Confidence, Landmarks and Pose (from the 468-point face mesh), Quality (from
// the face's own pixels), AgeRange and Emotions. Rekognition's Smile, Eyeglasses, Sunglasses, Beard,
// Mustache, EyesOpen, MouthOpen, FaceOccluded and EyeDirection have no local model, so they are
// absent; Gender is never given.

const { measureQuality } = require('./image-properties');

/** Human's emotion model's seven classes onto Rekognition's EmotionName; nothing maps to CONFUSED. */
const EMOTION_TYPES = Object.freeze({
  happy: 'HAPPY',
  sad: 'SAD',
  angry: 'ANGRY',
  disgust: 'DISGUSTED',
  surprise: 'SURPRISED',
  neutral: 'CALM',
  fear: 'FEAR',
});

// faceres gives one age. Rekognition gives a range; the range here is that estimate plus or
// minus this many years: a fixed band around the point estimate, not a measured uncertainty.
const AGE_HALF_RANGE = 5;

/**
 * Rekognition's landmark types at MediaPipe face-mesh point indices. Rekognition's "left" is the
 * left of the image (the person's right), so eyeLeft is the mesh's right eye. Pupils need the
 * iris model, which is not run: leftPupil and rightPupil are absent.
 */
const LANDMARK_POINTS = Object.freeze({
  eyeLeft: [33, 133],
  eyeRight: [362, 263],
  nose: [4],
  mouthLeft: [61],
  mouthRight: [291],
  leftEyeBrowLeft: [70],
  leftEyeBrowRight: [107],
  leftEyeBrowUp: [105],
  rightEyeBrowLeft: [336],
  rightEyeBrowRight: [300],
  rightEyeBrowUp: [334],
  leftEyeLeft: [33],
  leftEyeRight: [133],
  leftEyeUp: [159],
  leftEyeDown: [145],
  rightEyeLeft: [362],
  rightEyeRight: [263],
  rightEyeUp: [386],
  rightEyeDown: [374],
  noseLeft: [98],
  noseRight: [327],
  mouthUp: [0],
  mouthDown: [17],
  upperJawlineLeft: [234],
  midJawlineLeft: [172],
  chinBottom: [152],
  midJawlineRight: [397],
  upperJawlineRight: [454],
});

const round = (value, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;
const clamp01 = (value) => Math.min(1, Math.max(0, value));
const toPercent = (score) => round(Math.min(1, Math.max(0, score)) * 100);
const toDegrees = (radians) => round(Math.max(-180, Math.min(180, (radians * 180) / Math.PI)), 2);

function boundingBox([x, y, w, h]) {
  const left = clamp01(x);
  const top = clamp01(y);
  return { Width: clamp01(x + w) - left, Height: clamp01(y + h) - top, Left: left, Top: top };
}

function landmarks(meshRaw) {
  return Object.entries(LANDMARK_POINTS).map(([type, indices]) => {
    const x = indices.reduce((sum, i) => sum + meshRaw[i][0], 0) / indices.length;
    const y = indices.reduce((sum, i) => sum + meshRaw[i][1], 0) / indices.length;
    return { Type: type, X: round(x), Y: round(y) };
  });
}

function emotions(scores) {
  return scores
    .filter((e) => EMOTION_TYPES[e.emotion])
    .map((e) => ({ Type: EMOTION_TYPES[e.emotion], Confidence: toPercent(e.score) }))
    .sort((a, b) => b.Confidence - a.Confidence);
}

/** The pixels of a box (ratios) out of a packed RGB image, for the face's own Quality. */
function cropRgb(rgb, width, height, box) {
  const x0 = Math.floor(box.Left * width);
  const y0 = Math.floor(box.Top * height);
  const w = Math.max(1, Math.min(width - x0, Math.round(box.Width * width)));
  const h = Math.max(1, Math.min(height - y0, Math.round(box.Height * height)));
  const out = Buffer.allocUnsafe(w * h * 3);
  for (let row = 0; row < h; row += 1) {
    const from = ((y0 + row) * width + x0) * 3;
    out.set(rgb.subarray(from, from + w * 3), row * w * 3);
  }
  return { rgb: out, width: w, height: h };
}

/**
 * @param {object[]} faces raw faces from face-model.js
 * @param {Set<string>} attributes the request's Attributes
 * @param {{rgb: Uint8Array, width: number, height: number}} [image] the pixels faces were found on, for Quality
 */
function toFaceDetails(faces, attributes, image) {
  const all = attributes.has('ALL');
  const wantAge = all || attributes.has('AGE_RANGE');
  const wantEmotions = all || attributes.has('EMOTIONS');
  return faces
    .map((face) => {
      const box = boundingBox(face.boxRaw);
      const detail = { BoundingBox: box };
      if (wantAge && Number.isFinite(face.age)) {
        detail.AgeRange = { Low: Math.max(0, Math.floor(face.age - AGE_HALF_RANGE)), High: Math.ceil(face.age + AGE_HALF_RANGE) };
      }
      if (wantEmotions && face.emotion.length > 0) detail.Emotions = emotions(face.emotion);
      if (face.meshRaw) detail.Landmarks = landmarks(face.meshRaw);
      if (face.angle) detail.Pose = { Roll: toDegrees(face.angle.roll), Yaw: toDegrees(face.angle.yaw), Pitch: toDegrees(face.angle.pitch) };
      if (image && box.Width > 0 && box.Height > 0) {
        const crop = cropRgb(image.rgb, image.width, image.height, box);
        const { Brightness, Sharpness } = measureQuality(crop.rgb, crop.width, crop.height);
        detail.Quality = { Brightness, Sharpness };
      }
      detail.Confidence = toPercent(face.score);
      return detail;
    })
    .filter((detail) => detail.BoundingBox.Width > 0 && detail.BoundingBox.Height > 0)
    .sort((a, b) => b.Confidence - a.Confidence);
}

/** Keeps what a DetectFaces request's Attributes ask for: DEFAULT's fields always, AgeRange and Emotions on request. */
function selectFaceAttributes(details, attributes) {
  const all = attributes.has('ALL');
  return details.map((detail) => {
    const { AgeRange, Emotions, ...rest } = detail;
    const selected = { ...rest };
    if (AgeRange && (all || attributes.has('AGE_RANGE'))) selected.AgeRange = AgeRange;
    if (Emotions && (all || attributes.has('EMOTIONS'))) selected.Emotions = Emotions;
    return selected;
  });
}

module.exports = { toFaceDetails, selectFaceAttributes, EMOTION_TYPES, LANDMARK_POINTS, AGE_HALF_RANGE };
