#!/usr/bin/env node
'use strict';

// Measures the detector as the app uses it, over HTTP: start-up until /health is 200 (and each
// worker's own model-load time), warm milliseconds per photo, and images per second with every
// worker busy. Usage: node detector/bench.js [--rounds 5] [--concurrency 4]
// Photos come from ILL_SHARED_DIR/images (default ../shared beside the repository).

const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { HAVE_SHARED, SHARED_IMAGES, bytesRequest, detectLabels, startDetector } = require('./test-support/harness');

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
