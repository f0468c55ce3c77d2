'use strict';

// CenterNet takes a square input. Stretching a 3:2 photo to a square distorts shapes enough to turn
// a cat into a dog, so the image is scaled to fit and centred on a padded square ("letterbox"), and
// boxes found on that square are mapped back to ratios of the original image.

/**
 * Where an image of width x height lands on a size x size square.
 * @returns {{size: number, width: number, height: number, scaledWidth: number, scaledHeight: number,
 *            padLeft: number, padTop: number, padRight: number, padBottom: number}}
 */
function computeLetterbox(width, height, size) {
  if (!(width > 0 && height > 0 && size > 0)) throw new RangeError(`invalid letterbox dimensions ${width}x${height} -> ${size}`);
  const scale = size / Math.max(width, height);
  // At least one pixel on each side, so a 1x5000 strip still has something to look at.
  const scaledWidth = Math.min(size, Math.max(1, Math.round(width * scale)));
  const scaledHeight = Math.min(size, Math.max(1, Math.round(height * scale)));
  const padLeft = Math.floor((size - scaledWidth) / 2);
  const padTop = Math.floor((size - scaledHeight) / 2);
  return {
    size,
    width,
    height,
    scaledWidth,
    scaledHeight,
    padLeft,
    padTop,
    padRight: size - scaledWidth - padLeft,
    padBottom: size - scaledHeight - padTop,
  };
}

const clamp01 = (value) => Math.min(1, Math.max(0, value));

/**
 * Maps a box given as ratios of the letterboxed square ([x, y, w, h], as the model reports it)
 * to a Rekognition BoundingBox: ratios of the original image, clipped to it. Returns null for a
 * box that lies entirely in the padding.
 */
function unletterboxBox(boxRaw, geometry) {
  const [x, y, w, h] = boxRaw;
  const { size, padLeft, padTop, scaledWidth, scaledHeight } = geometry;
  const left = clamp01((x * size - padLeft) / scaledWidth);
  const top = clamp01((y * size - padTop) / scaledHeight);
  const right = clamp01(((x + w) * size - padLeft) / scaledWidth);
  const bottom = clamp01(((y + h) * size - padTop) / scaledHeight);
  if (!(right > left && bottom > top)) return null;
  return { Width: right - left, Height: bottom - top, Left: left, Top: top };
}

module.exports = { computeLetterbox, unletterboxBox };
