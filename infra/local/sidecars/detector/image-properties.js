'use strict';

const { CSS_COLORS } = require('./css-colors');

// Rekognition's IMAGE_PROPERTIES, measured on the (downscaled) RGB pixels:
// - Brightness: mean luma, 0-100.
// - Contrast: RMS contrast (standard deviation of luma) relative to its maximum, 0-100.
// - Sharpness: variance of the Laplacian of luma (a standard focus measure), squashed to 0-100.
// - DominantColors: a few rounds of k-means seeded from the most populated colour-histogram bins.

// Laplacian variance at which Sharpness reads 50; calibrated on photos downscaled to <= 512 px.
const SHARPNESS_HALF_POINT = 250;
const KMEANS_ROUNDS = 6;
const SAMPLE_LIMIT = 8192;

const luma = (r, g, b) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
const round2 = (value) => Math.round(value * 100) / 100;

function quality(rgb, width, height) {
  const count = width * height;
  const y = new Float32Array(count);
  let sum = 0;
  for (let i = 0, p = 0; i < count; i += 1, p += 3) {
    y[i] = luma(rgb[p], rgb[p + 1], rgb[p + 2]);
    sum += y[i];
  }
  const mean = sum / count;
  let squares = 0;
  for (let i = 0; i < count; i += 1) squares += (y[i] - mean) ** 2;
  const stdev = Math.sqrt(squares / count);

  let lapSum = 0;
  let lapSquares = 0;
  let lapCount = 0;
  for (let row = 1; row < height - 1; row += 1) {
    for (let col = 1; col < width - 1; col += 1) {
      const i = row * width + col;
      const lap = y[i - 1] + y[i + 1] + y[i - width] + y[i + width] - 4 * y[i];
      lapSum += lap;
      lapSquares += lap * lap;
      lapCount += 1;
    }
  }
  const lapVariance = lapCount > 0 ? lapSquares / lapCount - (lapSum / lapCount) ** 2 : 0;
  return {
    Brightness: round2((mean / 255) * 100),
    Sharpness: round2(100 * (1 - 2 ** (-lapVariance / SHARPNESS_HALF_POINT))),
    Contrast: round2(Math.min(100, (stdev / 127.5) * 100)),
  };
}

// sRGB (0-255) to CIE L*a*b* (D65), where Euclidean distance roughly follows perceived difference.
function toLab(r, g, b) {
  const linear = (c) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const [lr, lg, lb] = [linear(r), linear(g), linear(b)];
  const x = (0.4124 * lr + 0.3576 * lg + 0.1805 * lb) / 0.95047;
  const y = 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
  const z = (0.0193 * lr + 0.1192 * lg + 0.9505 * lb) / 1.08883;
  const f = (t) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

const CSS_COLORS_LAB = CSS_COLORS.map((color) => ({ name: color.name, lab: toLab(color.r, color.g, color.b) }));

function nearestCssColor(r, g, b) {
  const [l, a, bb] = toLab(r, g, b);
  let best = CSS_COLORS_LAB[0].name;
  let bestDistance = Infinity;
  for (const color of CSS_COLORS_LAB) {
    const distance = (l - color.lab[0]) ** 2 + (a - color.lab[1]) ** 2 + (bb - color.lab[2]) ** 2;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = color.name;
    }
  }
  return best;
}

/** One of eleven basic colour names, from hue, saturation and value. */
function simplifiedColor(r, g, b) {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const value = max / 255;
  const saturation = max === 0 ? 0 : (max - min) / max;
  if (value < 0.18) return 'black';
  if (saturation < 0.15) return value > 0.85 ? 'white' : 'grey';
  let hue;
  if (max === r) hue = (60 * ((g - b) / (max - min)) + 360) % 360;
  else if (max === g) hue = 60 * ((b - r) / (max - min)) + 120;
  else hue = 60 * ((r - g) / (max - min)) + 240;
  if (hue < 15 || hue >= 345) return value > 0.8 && saturation < 0.5 ? 'pink' : 'red';
  if (hue < 45) return value < 0.65 ? 'brown' : 'orange';
  if (hue < 70) return value < 0.5 ? 'brown' : 'yellow';
  if (hue < 170) return 'green';
  if (hue < 260) return 'blue';
  if (hue < 300) return 'purple';
  return 'pink';
}

function describeColor(r, g, b, share) {
  const [red, green, blue] = [r, g, b].map((c) => Math.min(255, Math.max(0, Math.round(c))));
  return {
    Red: red,
    Blue: blue,
    Green: green,
    HexCode: `#${[red, green, blue].map((c) => c.toString(16).padStart(2, '0')).join('').toUpperCase()}`,
    CSSColor: nearestCssColor(red, green, blue),
    SimplifiedColor: simplifiedColor(red, green, blue),
    PixelPercent: round2(share * 100),
  };
}

function dominantColors(rgb, width, height, maxColors) {
  if (maxColors <= 0) return [];
  const count = width * height;
  const step = Math.max(1, Math.floor(count / SAMPLE_LIMIT));
  const samples = [];
  for (let i = 0; i < count; i += step) samples.push(i * 3);

  // Seeds: the centres of the most populated bins of a 4-level-per-channel histogram.
  const bins = new Map();
  for (const p of samples) {
    const key = ((rgb[p] >> 6) << 4) | ((rgb[p + 1] >> 6) << 2) | (rgb[p + 2] >> 6);
    const bin = bins.get(key) ?? { n: 0, r: 0, g: 0, b: 0 };
    bin.n += 1;
    bin.r += rgb[p];
    bin.g += rgb[p + 1];
    bin.b += rgb[p + 2];
    bins.set(key, bin);
  }
  let centres = [...bins.values()]
    .sort((a, b) => b.n - a.n)
    .slice(0, maxColors)
    .map((bin) => ({ r: bin.r / bin.n, g: bin.g / bin.n, b: bin.b / bin.n }));

  const assignment = new Int32Array(samples.length);
  for (let round = 0; round < KMEANS_ROUNDS; round += 1) {
    const sums = centres.map(() => ({ n: 0, r: 0, g: 0, b: 0 }));
    samples.forEach((p, s) => {
      let best = 0;
      let bestDistance = Infinity;
      centres.forEach((c, k) => {
        const distance = (rgb[p] - c.r) ** 2 + (rgb[p + 1] - c.g) ** 2 + (rgb[p + 2] - c.b) ** 2;
        if (distance < bestDistance) {
          bestDistance = distance;
          best = k;
        }
      });
      assignment[s] = best;
      const sum = sums[best];
      sum.n += 1;
      sum.r += rgb[p];
      sum.g += rgb[p + 1];
      sum.b += rgb[p + 2];
    });
    centres = centres.map((c, k) => (sums[k].n > 0 ? { r: sums[k].r / sums[k].n, g: sums[k].g / sums[k].n, b: sums[k].b / sums[k].n, n: sums[k].n } : { ...c, n: 0 }));
  }
  return centres
    .filter((c) => c.n > 0)
    .sort((a, b) => b.n - a.n)
    .map((c) => describeColor(c.r, c.g, c.b, c.n / samples.length));
}

/**
 * @param {Uint8Array} rgb packed RGB pixels, width * height * 3 bytes
 * @returns {{Quality: {Brightness: number, Sharpness: number, Contrast: number}, DominantColors: object[]}}
 */
function computeImageProperties(rgb, width, height, maxDominantColors = 10) {
  if (rgb.length < width * height * 3) throw new RangeError('pixel buffer is smaller than width * height * 3');
  return { Quality: quality(rgb, width, height), DominantColors: dominantColors(rgb, width, height, maxDominantColors) };
}

module.exports = { computeImageProperties, measureQuality: quality, simplifiedColor, nearestCssColor };
