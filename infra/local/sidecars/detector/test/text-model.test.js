'use strict';

// The text model on its own: tesseract.js with automatic page segmentation, which looks for text regions before
// reading any. Read as one uniform block of text, each photo below gave lines of noise (5.5 s of it on a
// 12-megapixel photo); with the regions first, a photo without text gives none, and text still reads.

const test = require('node:test');
const assert = require('node:assert/strict');
const sharp = require('sharp');
const { sharedImage } = require('../test-support/harness');
const { PHOTOS, SKIP_SHARED, textPng } = require('../test-support/detector-session');
const { loadTextModel, TEXT_INPUT_MAX_SIDE } = require('../text-model');
const { decodePng } = require('../image-decode');

let text;
test.before(async () => {
  text = await loadTextModel();
});
test.after(() => text?.terminate());

const linesOf = async (bytes) => text.recognizeLines((await decodePng(bytes, TEXT_INPUT_MAX_SIDE)).png);

test('recognizeLines_photosWithoutText_findNoLineAtAll', SKIP_SHARED, async () => {
  for (const file of PHOTOS) {
    assert.deepEqual((await linesOf(sharedImage(file))).map((line) => line.text), [], file);
  }
});

// A phone-sized photo: the eight photos tiled into 4,000 x 3,000. Read as one block it gave 54 lines of noise.
test('recognizeLines_twelveMegapixelPhotoWithoutText_findsNoLine', SKIP_SHARED, async () => {
  const tiles = await Promise.all(
    PHOTOS.concat(PHOTOS.slice(0, 4)).map(async (file, i) => ({
      input: await sharp(sharedImage(file)).resize(1000, 1000, { fit: 'cover' }).toBuffer(),
      left: (i % 4) * 1000,
      top: Math.floor(i / 4) * 1000,
    })),
  );
  const mosaic = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: 'white' } }).composite(tiles).jpeg({ quality: 90 }).toBuffer();
  assert.deepEqual((await linesOf(mosaic)).map((line) => line.text), []);
});

test('recognizeLines_generatedTextImage_readsEveryLine', async () => {
  const lines = await linesOf(await textPng(['Opening hours 9 to 5', 'Exit on the left']));
  assert.deepEqual(lines.map((line) => line.text.trim()), ['Opening hours 9 to 5', 'Exit on the left']);
  assert.ok(lines.every((line) => line.confidence > 90));
});
