'use strict';

// A worker thread that keeps its models warm and serves one job at a time. The object model
// (CenterNet) loads at start, so /health answers as soon as labels can be; the face, text and
// moderation models then load in the background, one after the other, each with one warm-up
// inference, and stay loaded for the worker's life. A job that needs one before it is ready
// waits for that load (or starts it, if the background load failed).
// A job names the analyses it wants: labels (objects), properties, faces, text, moderation.

const { parentPort } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const { loadDetector } = require('./model');
const { decodeLetterboxed, extractRegion, decodeRgb, decodeSquare, decodePng, validateImage } = require('./image-decode');
const { unletterboxBox } = require('./letterbox');
const { computeImageProperties } = require('./image-properties');
const { loadFaceModel, FACE_INPUT_MAX_SIDE } = require('./face-model');
const { toFaceDetails } = require('./face-details');
const { loadTextModel, TEXT_INPUT_MAX_SIDE } = require('./text-model');
const { loadModerationModel, MODERATION_INPUT_SIZE } = require('./moderation-model');

// Human and tfjs print diagnostics with console.log; stdout belongs to the server's own output.
console.log = (...args) => console.error(...args);
console.info = (...args) => console.error(...args);

const sharp = require('sharp');

// Each loader also runs one inference on a blank image: the first one compiles and allocates.
const lazyLoaders = {
  async faces() {
    const faces = await loadFaceModel();
    await faces.detectFaces(new Uint8Array(64 * 64 * 3), 64, 64);
    return faces;
  },
  async text() {
    const text = await loadTextModel();
    await text.recognizeLines(await sharp({ create: { width: 32, height: 32, channels: 3, background: 'white' } }).png().toBuffer());
    return text;
  },
  async moderation() {
    const moderation = await loadModerationModel();
    await moderation.classify(new Uint8Array(MODERATION_INPUT_SIZE * MODERATION_INPUT_SIZE * 3));
    return moderation;
  },
};
const lazyModels = {};
const loadTimes = {};

/** A lazily loaded model; a failed load is retried on the next job rather than cached. */
function model(name) {
  if (!lazyModels[name]) {
    const started = performance.now();
    lazyModels[name] = lazyLoaders[name]().then(
      (loaded) => {
        loadTimes[name] = performance.now() - started;
        return loaded;
      },
      (error) => {
        delete lazyModels[name];
        throw new Error(`the ${name} model could not load: ${error.message}`);
      },
    );
  }
  return lazyModels[name];
}

async function timed(timings, name, work) {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings[`${name}Ms`] = performance.now() - started;
  }
}

async function runJob(detector, job) {
  const started = performance.now();
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  const timings = {};
  const metadata = await validateImage(bytes);
  const result = { width: metadata.width, height: metadata.height, detections: [] };

  if (job.labels || job.properties) {
    const { square, geometry } = await timed(timings, 'decode', () => decodeLetterboxed(bytes, detector.inputSize));
    result.width = geometry.width;
    result.height = geometry.height;
    if (job.labels) {
      const raw = await timed(timings, 'objects', () => detector.detect(square));
      result.detections = raw.map((d) => ({ label: d.label, score: d.score, box: unletterboxBox(d.boxRaw, geometry) })).filter((d) => d.box);
    }
    if (job.properties) {
      result.imageProperties = await timed(timings, 'properties', async () =>
        computeImageProperties(extractRegion(square, geometry), geometry.scaledWidth, geometry.scaledHeight, job.maxDominantColors),
      );
    }
  }
  if (job.faces) {
    const faces = await model('faces');
    result.faces = await timed(timings, 'faces', async () => {
      const image = await decodeRgb(bytes, FACE_INPUT_MAX_SIDE);
      return toFaceDetails(await faces.detectFaces(image.rgb, image.width, image.height), new Set(['ALL']), image);
    });
  }
  if (job.text) {
    const text = await model('text');
    result.text = await timed(timings, 'text', async () => {
      const image = await decodePng(bytes, TEXT_INPUT_MAX_SIDE);
      return { width: image.width, height: image.height, lines: await text.recognizeLines(image.png) };
    });
  }
  if (job.moderation) {
    const moderation = await model('moderation');
    result.moderation = await timed(timings, 'moderation', async () => moderation.classify(await decodeSquare(bytes, MODERATION_INPUT_SIZE)));
  }
  timings.totalMs = performance.now() - started;
  result.timings = timings;
  result.loadTimes = { ...loadTimes };
  return result;
}

async function warmInBackground(started) {
  for (const name of Object.keys(lazyLoaders)) {
    try {
      await model(name);
    } catch (error) {
      process.stderr.write(`detector worker: ${error.message}; it will be tried again on the first job that needs it\n`);
    }
  }
  const each = Object.entries(loadTimes).map(([name, ms]) => `${name} ${Math.round(ms)} ms`).join(', ');
  parentPort.postMessage({ type: 'warm', sinceStartMs: performance.now() - started, each });
}

async function main() {
  const started = performance.now();
  const detector = await loadDetector();
  parentPort.postMessage({ type: 'ready', loadMs: performance.now() - started, backend: detector.backend });
  warmInBackground(started);
  parentPort.on('message', async (job) => {
    try {
      const result = await runJob(detector, job);
      parentPort.postMessage({ type: 'result', id: job.id, ok: true, result });
    } catch (error) {
      // Typed errors (InvalidImageFormatException, ...) keep their type; anything else is internal.
      parentPort.postMessage({ type: 'result', id: job.id, ok: false, error: { type: error.type, message: error.message } });
    }
  });
}

main().catch((error) => {
  parentPort.postMessage({ type: 'fatal', message: error.stack || String(error) });
});
