'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { computeLetterbox, unletterboxBox } = require('../letterbox');

test('computeLetterbox_landscape_padsTopAndBottomEqually', () => {
  const g = computeLetterbox(768, 576, 512);
  assert.deepEqual(
    { w: g.scaledWidth, h: g.scaledHeight, l: g.padLeft, t: g.padTop, r: g.padRight, b: g.padBottom },
    { w: 512, h: 384, l: 0, t: 64, r: 0, b: 64 },
  );
});

test('computeLetterbox_portraitOddPadding_putsExtraPixelRightAndSumsToSize', () => {
  const g = computeLetterbox(517, 606, 512);
  assert.equal(g.scaledHeight, 512);
  assert.equal(g.scaledWidth, 437);
  assert.equal(g.padLeft, 37);
  assert.equal(g.padRight, 38);
  assert.equal(g.padLeft + g.scaledWidth + g.padRight, 512);
});

test('computeLetterbox_squareOrSmallImage_scalesWithoutPadding', () => {
  const g = computeLetterbox(100, 100, 512);
  assert.equal(g.scaledWidth, 512);
  assert.equal(g.padTop + g.padLeft + g.padRight + g.padBottom, 0);
});

test('computeLetterbox_extremeStrip_keepsAtLeastOnePixel', () => {
  const g = computeLetterbox(1, 5000, 512);
  assert.equal(g.scaledWidth, 1);
  assert.equal(g.scaledHeight, 512);
  assert.equal(g.padLeft + g.scaledWidth + g.padRight, 512);
});

test('computeLetterbox_nonPositiveDimensions_throws', () => {
  assert.throws(() => computeLetterbox(0, 10, 512), RangeError);
  assert.throws(() => computeLetterbox(10, NaN, 512), RangeError);
});

test('unletterboxBox_boxOverWholeImageArea_mapsToWholeImage', () => {
  const g = computeLetterbox(768, 576, 512); // image occupies rows 64..448
  const box = unletterboxBox([0, 64 / 512, 1, 384 / 512], g);
  assert.deepEqual(box, { Width: 1, Height: 1, Left: 0, Top: 0 });
});

test('unletterboxBox_boxSpillingIntoPadding_isClippedToImage', () => {
  const g = computeLetterbox(768, 576, 512);
  const box = unletterboxBox([0.25, 0, 0.5, 0.25], g); // rows 0..128: 64 in padding, 64 in the image
  assert.equal(box.Top, 0);
  assert.ok(Math.abs(box.Height - 64 / 384) < 1e-12);
  assert.ok(Math.abs(box.Left - 0.25) < 1e-12);
  assert.ok(Math.abs(box.Width - 0.5) < 1e-12);
});

test('unletterboxBox_boxEntirelyInPadding_returnsNull', () => {
  const g = computeLetterbox(768, 576, 512);
  assert.equal(unletterboxBox([0.1, 0.01, 0.3, 0.1], g), null);
});

test('unletterboxBox_roundTripOfOriginalBoxes_recoversTheOriginalRatios', () => {
  for (const [width, height] of [[451, 300], [517, 606], [768, 576], [1000, 1000], [4000, 300]]) {
    const g = computeLetterbox(width, height, 512);
    for (const original of [{ Left: 0.1, Top: 0.2, Width: 0.3, Height: 0.4 }, { Left: 0.5, Top: 0, Width: 0.5, Height: 1 }]) {
      // Forward: original-image ratios -> square ratios, as the model would see the object.
      const x = (g.padLeft + original.Left * g.scaledWidth) / 512;
      const y = (g.padTop + original.Top * g.scaledHeight) / 512;
      const w = (original.Width * g.scaledWidth) / 512;
      const h = (original.Height * g.scaledHeight) / 512;
      const box = unletterboxBox([x, y, w, h], g);
      for (const key of ['Left', 'Top', 'Width', 'Height']) {
        assert.ok(Math.abs(box[key] - original[key]) < 1e-9, `${width}x${height} ${key}: ${box[key]} vs ${original[key]}`);
      }
    }
  }
});
