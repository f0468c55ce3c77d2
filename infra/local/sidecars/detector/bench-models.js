#!/usr/bin/env node
'use strict';

// Warm cost of each model, per photo, in one thread as a detector worker runs them: decode +
// inference, median of --rounds runs after one warm-up run. Also each model's load time and the
// thread's memory once every model is loaded (what one detector worker holds).
// Usage: node detector/bench-models.js [--rounds 5]. Photos: ILL_SHARED_DIR/images plus two
// generated images (rendered text, a dark photo-like gradient).

const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const sharp = require('sharp');
const { HAVE_SHARED, SHARED_IMAGES } = require('./test-support/harness');
const { loadDetector } = require('./model');
const { decodeLetterboxed, extractRegion, decodeRgb, decodePng, decodeSquare } = require('./image-decode');
const { computeImageProperties } = require('./image-properties');
const { loadFaceModel, FACE_INPUT_MAX_SIDE } = require('./face-model');
const { toFaceDetails } = require('./face-details');
const { loadTextModel, TEXT_INPUT_MAX_SIDE } = require('./text-model');
const { toTextDetections } = require('./text-detections');
const { loadModerationModel, MODERATION_INPUT_SIZE } = require('./moderation-model');

console.log = (...args) => console.error(...args); // the models' own chatter goes to stderr
const print = (line) => process.stdout.write(`${line}\n`);

const index = process.argv.indexOf('--rounds');
const rounds = index >= 0 ? Number(process.argv[index + 1]) : 5;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);

async function generated() {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="240"><rect width="100%" height="100%" fill="white"/><text x="40" y="90" font-family="DejaVu Sans" font-size="44">Hello offline world</text><text x="40" y="180" font-family="DejaVu Sans" font-size="44">Labels LIVE 2026</text></svg>`;
  const text = await sharp(Buffer.from(svg)).png().toBuffer();
  const dark = await sharp(text).linear(0.08, 0).jpeg().toBuffer();
  return [['generated_text.png', text], ['generated_dark_text.jpg', dark]];
}

async function time(work) {
  await work();
  const times = [];
  let result;
  for (let r = 0; r < rounds; r += 1) {
    const started = performance.now();
    result = await work();
    times.push(performance.now() - started);
  }
  return { ms: median(times), result };
}

async function main() {
  const photos = HAVE_SHARED
    ? fs.readdirSync(SHARED_IMAGES).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort().map((f) => [f, fs.readFileSync(path.join(SHARED_IMAGES, f))])
    : [];
  if (!HAVE_SHARED) process.stderr.write(`no photos at ${SHARED_IMAGES}: generated images only\n`);
  photos.push(...(await generated()));

  const baseline = rssMb();
  const loads = {};
  const load = async (name, loader) => {
    const started = performance.now();
    const model = await loader();
    loads[name] = performance.now() - started;
    return model;
  };
  const objects = await load('objects (CenterNet, incl. first inference)', loadDetector);
  const faces = await load('faces (blazeface+facemesh+emotion+faceres)', loadFaceModel);
  const text = await load('text (tesseract.js eng)', loadTextModel);
  const moderation = await load('moderation (nsfwjs MobileNetV2)', loadModerationModel);

  print(`model load (ms): ${Object.entries(loads).map(([k, v]) => `${k} ${v.toFixed(0)}`).join('; ')}`);
  print(`\nwarm ms per image (median of ${rounds}; each includes decoding the image for that model)`);
  print(`| photo | objects | properties | faces | text | moderation | found |`);
  print(`|---|---:|---:|---:|---:|---:|---|`);
  const totals = { objects: [], properties: [], faces: [], text: [], moderation: [] };
  for (const [name, bytes] of photos) {
    const o = await time(async () => {
      const { square } = await decodeLetterboxed(bytes, objects.inputSize);
      return objects.detect(square);
    });
    const p = await time(async () => {
      const { square, geometry } = await decodeLetterboxed(bytes, objects.inputSize);
      return computeImageProperties(extractRegion(square, geometry), geometry.scaledWidth, geometry.scaledHeight, 10);
    });
    const f = await time(async () => {
      const image = await decodeRgb(bytes, FACE_INPUT_MAX_SIDE);
      return toFaceDetails(await faces.detectFaces(image.rgb, image.width, image.height), new Set(['ALL']), image);
    });
    const t = await time(async () => {
      const image = await decodePng(bytes, TEXT_INPUT_MAX_SIDE);
      return toTextDetections(await text.recognizeLines(image.png), image.width, image.height).filter((d) => d.Type === 'LINE');
    });
    const m = await time(async () => moderation.classify(await decodeSquare(bytes, MODERATION_INPUT_SIZE)));
    for (const [key, value] of Object.entries({ objects: o, properties: p, faces: f, text: t, moderation: m })) totals[key].push(value.ms);
    const topSafety = Object.entries(m.result).sort((a, b) => b[1] - a[1])[0];
    const found = `${f.result.length} face(s), ${t.result.length} text line(s), brightness ${p.result.Quality.Brightness}, nsfwjs top ${topSafety[0]} ${(topSafety[1] * 100).toFixed(0)}%`;
    print(`| ${name} | ${o.ms.toFixed(0)} | ${p.ms.toFixed(0)} | ${f.ms.toFixed(0)} | ${t.ms.toFixed(0)} | ${m.ms.toFixed(0)} | ${found} |`);
  }
  print(`| **median** | ${['objects', 'properties', 'faces', 'text', 'moderation'].map((k) => median(totals[k]).toFixed(0)).join(' | ')} | |`);
  print(`\nmemory: ${baseline} MB before loading, ${rssMb()} MB resident with every model loaded and used (one worker's share; tesseract runs in a thread of this process)`);
  await text.terminate();
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error.stack || error}\n`);
    process.exit(1);
  },
);
