#!/usr/bin/env node
'use strict';

// Measures the detector as the app uses it, over HTTP: start-up until /health is 200 (and each
// worker's own model-load time), warm DetectLabels milliseconds per photo, images per second with
// every worker busy, and photos per second when each photo gets all four operations at once (as
// ProcessImage asks). Usage: node detector/bench.js [--rounds 5] [--concurrency 4]
// Photos come from ILL_SHARED_DIR/images (default ../shared beside the repository).

const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const sharp = require('sharp');
const { HAVE_SHARED, SHARED_IMAGES, bytesRequest, detectLabels, request, startDetector } = require('./test-support/harness');

const callOperation = (url, operation, body) =>
  request(url, { headers: { 'X-Amz-Target': `RekognitionService.${operation}`, 'Content-Type': 'application/x-amz-json-1.1' }, body });

/** A visually identical copy with different bytes (one pixel nudged), so no shared analysis is reused. */
async function variant(bytes, n) {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  data[0] = (data[0] + 1 + n) % 256;
  return sharp(data, { raw: info }).png({ compressionLevel: 1 }).toBuffer();
}

/** All four operations on one photo at once; resolves with the wall time until the last answer. */
async function allFour(url, bytes) {
  const body = JSON.stringify(bytesRequest(bytes));
  const labelsBody = JSON.stringify(bytesRequest(bytes, { MinConfidence: 30, Features: ['GENERAL_LABELS', 'IMAGE_PROPERTIES'] }));
  const started = performance.now();
  const responses = await Promise.all([
    callOperation(url, 'DetectLabels', labelsBody),
    callOperation(url, 'DetectFaces', JSON.stringify({ ...bytesRequest(bytes), Attributes: ['ALL'] })),
    callOperation(url, 'DetectText', body),
    callOperation(url, 'DetectModerationLabels', body),
  ]);
  for (const response of responses) if (response.status !== 200) throw new Error(`${response.status} ${response.text}`);
  return performance.now() - started;
}

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function directorySize(dir) {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += directorySize(full);
    else if (entry.isFile()) total += fs.statSync(full).size;
  }
  return total;
}

async function main() {
  if (!HAVE_SHARED) {
    process.stderr.write(`no photos at ${SHARED_IMAGES}; set ILL_SHARED_DIR to the shared/ folder\n`);
    process.exit(2);
  }
  const rounds = option('--rounds', 5);
  const concurrency = option('--concurrency', 4);
  const photos = fs.readdirSync(SHARED_IMAGES).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort();
  const bodies = photos.map((photo) => JSON.stringify(bytesRequest(fs.readFileSync(path.join(SHARED_IMAGES, photo)), { MinConfidence: 30 })));

  const spawned = performance.now();
  const detector = await startDetector([]);
  const healthyMs = performance.now() - spawned;
  try {
    const loads = [...detector.stderr().matchAll(/model loaded in (\d+) ms/g)].map((m) => Number(m[1]));
    console.log(`start-up: /health 200 after ${healthyMs.toFixed(0)} ms; per-worker model load (incl. warm-up inference): ${loads.join(', ')} ms`);

    // One pass first so every worker has seen real images.
    await Promise.all(bodies.map((body) => detectLabels(detector.url, body)));

    console.log(`\nwarm latency, one request at a time (median of ${rounds}):`);
    for (const [i, photo] of photos.entries()) {
      const times = [];
      let labels = [];
      for (let r = 0; r < rounds; r += 1) {
        const started = performance.now();
        const response = await detectLabels(detector.url, bodies[i]);
        times.push(performance.now() - started);
        if (response.status !== 200) throw new Error(`${photo}: ${response.status} ${response.text}`);
        labels = response.json.Labels.map((l) => `${l.Name} ${l.Confidence.toFixed(0)}${l.Instances.length > 1 ? ` x${l.Instances.length}` : ''}`);
      }
      console.log(`  ${photo.padEnd(34)} ${median(times).toFixed(0).padStart(5)} ms   ${labels.join(', ')}`);
    }

    const total = photos.length * rounds;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) {
          const body = bodies[next % bodies.length];
          next += 1;
          const response = await detectLabels(detector.url, body);
          if (response.status !== 200) throw new Error(`${response.status} ${response.text}`);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`\nthroughput: ${total} images, ${concurrency} concurrent clients, 2 workers: ${(total / seconds).toFixed(2)} images/s`);
    // Every photo as a fresh variant, so each gets the full cost of every model.
    const variants = [];
    for (const [i, photo] of photos.entries()) variants.push(await variant(fs.readFileSync(path.join(SHARED_IMAGES, photo)), i));
    const walls = [];
    for (const bytes of variants) walls.push(await allFour(detector.url, bytes));
    console.log(`\nall four operations at once per photo (fresh bytes each), one photo at a time: median ${median(walls).toFixed(0)} ms, max ${Math.max(...walls).toFixed(0)} ms`);
    const more = [];
    for (let r = 0; r < Math.max(1, Math.ceil(rounds / 2)); r += 1) {
      for (const [i, photo] of photos.entries()) more.push(await variant(fs.readFileSync(path.join(SHARED_IMAGES, photo)), 100 + r * photos.length + i));
    }
    let nextPhoto = 0;
    const allStarted = performance.now();
    await Promise.all(
      Array.from({ length: 2 }, async () => {
        while (nextPhoto < more.length) {
          const bytes = more[nextPhoto];
          nextPhoto += 1;
          await allFour(detector.url, bytes);
        }
      }),
    );
    console.log(`all four operations, ${more.length} fresh photos, 2 photos in flight: ${(more.length / ((performance.now() - allStarted) / 1000)).toFixed(2)} photos/s`);
    const status = `/proc/${detector.pid}/status`;
    if (fs.existsSync(status)) {
      const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(status, 'utf8'));
      if (rss) console.log(`detector resident memory: ${(Number(rss[1]) / 1024).toFixed(0)} MB`);
    }
    const modules = path.join(__dirname, '..', 'node_modules');
    if (fs.existsSync(modules)) console.log(`node_modules: ${(directorySize(modules) / 1024 / 1024).toFixed(0)} MB of files`);
  } finally {
    await detector.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
