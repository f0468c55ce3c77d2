'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { computeImageProperties, simplifiedColor, nearestCssColor } = require('../image-properties');

function image(width, height, pixel) {
  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) rgb.set(pixel(x, y), (y * width + x) * 3);
  }
  return rgb;
}

test('computeImageProperties_solidColour_isOneDominantColourWithNoContrast', () => {
  const props = computeImageProperties(image(40, 30, () => [200, 30, 40]), 40, 30, 5);
  assert.equal(props.DominantColors.length, 1);
  assert.deepEqual(props.DominantColors[0], {
    Red: 200, Blue: 40, Green: 30, HexCode: '#C81E28', CSSColor: 'firebrick', SimplifiedColor: 'red', PixelPercent: 100,
  });
  assert.equal(props.Quality.Contrast, 0);
  assert.equal(props.Quality.Sharpness, 0);
});

test('computeImageProperties_halfBlackHalfWhite_hasFullContrastAndTwoEvenColours', () => {
  const props = computeImageProperties(image(64, 64, (x) => (x < 32 ? [0, 0, 0] : [255, 255, 255])), 64, 64, 10);
  assert.equal(props.Quality.Contrast, 100);
  assert.equal(props.Quality.Brightness, 50);
  assert.deepEqual(props.DominantColors.map((c) => c.SimplifiedColor).sort(), ['black', 'white']);
  for (const colour of props.DominantColors) assert.equal(colour.PixelPercent, 50);
});

test('computeImageProperties_brightness_followsLuma', () => {
  assert.equal(computeImageProperties(image(8, 8, () => [255, 255, 255]), 8, 8).Quality.Brightness, 100);
  assert.equal(computeImageProperties(image(8, 8, () => [0, 0, 0]), 8, 8).Quality.Brightness, 0);
});

test('computeImageProperties_fineDetailVersusSmoothGradient_isSharper', () => {
  const checker = computeImageProperties(image(64, 64, (x, y) => ((x + y) % 2 ? [255, 255, 255] : [0, 0, 0])), 64, 64);
  const gradient = computeImageProperties(image(64, 64, (x) => [x * 4, x * 4, x * 4]), 64, 64);
  assert.ok(checker.Quality.Sharpness > 90, `checkerboard ${checker.Quality.Sharpness}`);
  assert.ok(gradient.Quality.Sharpness < 5, `gradient ${gradient.Quality.Sharpness}`);
});

test('computeImageProperties_maxDominantColours_limitsTheList', () => {
  const stripes = image(60, 10, (x) => [[255, 0, 0], [0, 255, 0], [0, 0, 255]][Math.floor(x / 20)]);
  assert.equal(computeImageProperties(stripes, 60, 10, 2).DominantColors.length, 2);
  assert.equal(computeImageProperties(stripes, 60, 10, 0).DominantColors.length, 0);
  assert.equal(computeImageProperties(stripes, 60, 10, 10).DominantColors.length, 3);
});

test('simplifiedColor_basicColours_areNamed', () => {
  assert.equal(simplifiedColor(255, 0, 0), 'red');
  assert.equal(simplifiedColor(0, 128, 0), 'green');
  assert.equal(simplifiedColor(30, 60, 220), 'blue');
  assert.equal(simplifiedColor(255, 230, 0), 'yellow');
  assert.equal(simplifiedColor(255, 140, 0), 'orange');
  assert.equal(simplifiedColor(120, 70, 20), 'brown');
  assert.equal(simplifiedColor(128, 0, 160), 'purple');
  assert.equal(simplifiedColor(255, 105, 180), 'pink');
  assert.equal(simplifiedColor(128, 128, 128), 'grey');
  assert.equal(simplifiedColor(250, 250, 250), 'white');
  assert.equal(simplifiedColor(10, 10, 10), 'black');
});

test('nearestCssColor_exactNamedColours_matchThemselves', () => {
  assert.equal(nearestCssColor(255, 0, 0), 'red');
  assert.equal(nearestCssColor(0x46, 0x82, 0xb4), 'steelblue');
  assert.equal(nearestCssColor(0, 0, 0), 'black');
});

test('computeImageProperties_bufferTooSmall_throws', () => {
  assert.throws(() => computeImageProperties(Buffer.alloc(10), 4, 4), RangeError);
});
