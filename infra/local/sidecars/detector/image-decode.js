'use strict';

const sharp = require('sharp');
const { computeLetterbox } = require('./letterbox');
const { imageTooLarge, invalidImageFormat, invalidParameter, sniffImageFormat } = require('./protocol');

// Rekognition's set quotas: at least 80 and at most 10K pixels for both width and height. Below the minimum it answers
// InvalidParameterException, above the maximum ImageTooLargeException (with the message below, as seen from AWS).
const MIN_IMAGE_SIDE = 80;
const MAX_IMAGE_SIDE = 10_000;
// 'warning' makes libvips give up on truncated or corrupt data instead of returning a grey
// half-image, which is what Rekognition's InvalidImageFormatException is for. The pixel limit is the
// largest image within the quota, so nothing bigger is ever decoded.
const DECODE_OPTIONS = Object.freeze({ failOn: 'warning', limitInputPixels: MAX_IMAGE_SIDE * MAX_IMAGE_SIDE });
// Reading the header only: an image over the quota is refused for its size, not as unreadable.
const HEADER_OPTIONS = Object.freeze({ ...DECODE_OPTIONS, limitInputPixels: false });
const PAD = Object.freeze({ r: 0, g: 0, b: 0 });
// Transparent PNG areas are shown on a white page, so that is what the detector sees too.
const FLATTEN = Object.freeze({ background: { r: 255, g: 255, b: 255 } });

/**
 * Decodes a JPEG or PNG (EXIF orientation applied, as Rekognition does before locating objects)
 * and letterboxes it onto a size x size RGB square.
 * @returns {Promise<{square: Buffer, geometry: ReturnType<typeof computeLetterbox>, format: string}>}
 */
async function decodeLetterboxed(bytes, size) {
  const metadata = await validateImage(bytes);
  const format = metadata.format;
  // Orientations 5-8 swap width and height once applied.
  const swap = (metadata.orientation ?? 1) >= 5;
  const width = metadata.autoOrient?.width ?? (swap ? metadata.height : metadata.width);
  const height = metadata.autoOrient?.height ?? (swap ? metadata.width : metadata.height);
  const geometry = computeLetterbox(width, height, size);
  let decoded;
  try {
    decoded = await sharp(bytes, DECODE_OPTIONS)
      .rotate()
      .flatten(FLATTEN)
      .toColourspace('srgb')
      .resize(geometry.scaledWidth, geometry.scaledHeight, { fit: 'fill' })
      .extend({ top: geometry.padTop, bottom: geometry.padBottom, left: geometry.padLeft, right: geometry.padRight, background: PAD })
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw invalidImageFormat(`Request has invalid image format: ${error.message}`);
  }
  const { info, data } = decoded;
  if (info.width !== size || info.height !== size || info.channels !== 3) {
    throw new Error(`letterbox produced ${info.width}x${info.height}x${info.channels}, expected ${size}x${size}x3`);
  }
  return { square: data, geometry, format };
}

/** The image part of a letterboxed square (padding removed), as packed RGB. */
function extractRegion(square, geometry) {
  const { size, padLeft, padTop, scaledWidth, scaledHeight } = geometry;
  const region = Buffer.allocUnsafe(scaledWidth * scaledHeight * 3);
  for (let row = 0; row < scaledHeight; row += 1) {
    const from = ((padTop + row) * size + padLeft) * 3;
    square.copy(region, row * scaledWidth * 3, from, from + scaledWidth * 3);
  }
  return region;
}

/** Checks the bytes decode as the format their magic bytes claim; the image's displayed size. */
async function validateImage(bytes) {
  const format = sniffImageFormat(bytes);
  if (!format) throw invalidImageFormat('Request has invalid image format: the bytes are neither JPEG nor PNG.');
  let metadata;
  try {
    metadata = await sharp(bytes, HEADER_OPTIONS).metadata();
  } catch (error) {
    throw invalidImageFormat(`Request has invalid image format: ${error.message}`);
  }
  if (metadata.format !== format || !metadata.width || !metadata.height) throw invalidImageFormat();
  const { width, height } = metadata;
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    throw imageTooLarge(`Input image dimensions ${width} x ${height} exceed maximum dimension size of ${MAX_IMAGE_SIDE} pixels`);
  }
  if (width < MIN_IMAGE_SIDE || height < MIN_IMAGE_SIDE) {
    throw invalidParameter(`Request has invalid parameters: input image dimensions ${width} x ${height} are below the minimum of ${MIN_IMAGE_SIDE} pixels`);
  }
  return metadata;
}

function oriented(bytes) {
  return sharp(bytes, DECODE_OPTIONS).rotate().flatten(FLATTEN).toColourspace('srgb');
}

async function render(pipeline) {
  try {
    return await pipeline;
  } catch (error) {
    throw invalidImageFormat(`Request has invalid image format: ${error.message}`);
  }
}

/** Packed RGB of the displayed image, scaled down to fit maxSide (never up). */
async function decodeRgb(bytes, maxSide) {
  await validateImage(bytes);
  const { data, info } = await render(
    oriented(bytes).resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true }).removeAlpha().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true }),
  );
  return { rgb: data, width: info.width, height: info.height };
}

/** Packed RGB stretched to size x size (what an image classifier looks at). */
async function decodeSquare(bytes, size) {
  await validateImage(bytes);
  const { data } = await render(oriented(bytes).resize(size, size, { fit: 'fill' }).removeAlpha().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true }));
  return data;
}

/** A lossless PNG of the displayed image, scaled down to fit maxSide, with its size. */
async function decodePng(bytes, maxSide) {
  await validateImage(bytes);
  const { data, info } = await render(
    oriented(bytes).resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true }).removeAlpha().png({ compressionLevel: 1 }).toBuffer({ resolveWithObject: true }),
  );
  return { png: data, width: info.width, height: info.height };
}

module.exports = { decodeLetterboxed, extractRegion, validateImage, decodeRgb, decodeSquare, decodePng };
