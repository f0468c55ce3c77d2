'use strict';

// A worker thread that keeps one warm CenterNet model and serves one job at a time:
// decode + letterbox (sharp), detect (tfjs WASM), map boxes back to the original image and,
// when asked, measure image properties.

const { parentPort } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const { loadDetector } = require('./model');
const { decodeLetterboxed, extractRegion } = require('./image-decode');
const { unletterboxBox } = require('./letterbox');
const { computeImageProperties } = require('./image-properties');

// Human and tfjs print diagnostics with console.log; stdout belongs to the server's own output.
console.log = (...args) => console.error(...args);
console.info = (...args) => console.error(...args);

async function runJob(detector, job) {
  const started = performance.now();
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  const { square, geometry } = await decodeLetterboxed(bytes, detector.inputSize);
  const decoded = performance.now();
  let detections = [];
  if (job.labels) {
    const raw = await detector.detect(square);
    detections = raw.map((d) => ({ label: d.label, score: d.score, box: unletterboxBox(d.boxRaw, geometry) })).filter((d) => d.box);
  }
  const detected = performance.now();
  const imageProperties = job.properties
    ? computeImageProperties(extractRegion(square, geometry), geometry.scaledWidth, geometry.scaledHeight, job.maxDominantColors)
    : undefined;
  return {
    width: geometry.width,
    height: geometry.height,
    detections,
    imageProperties,
    timings: { decodeMs: decoded - started, detectMs: detected - decoded, totalMs: performance.now() - started },
  };
}

async function main() {
  const started = performance.now();
  const detector = await loadDetector();
  parentPort.postMessage({ type: 'ready', loadMs: performance.now() - started, backend: detector.backend });
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
