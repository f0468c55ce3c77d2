'use strict';

const fs = require('node:fs/promises');
const fsSync = require('node:fs');
const path = require('node:path');
const { fileURLToPath, pathToFileURL } = require('node:url');

const MODEL_NAME = 'centernet';
const HUMAN_VERSION = '3.3.6';
/** What DetectLabels reports as LabelModelVersion. */
const LABEL_MODEL_VERSION = `human-${HUMAN_VERSION}-${MODEL_NAME}-coco80`;

/** Finds an installed package's folder without require.resolve, which @vladmandic/human's exports map breaks. */
function packageDir(name) {
  for (const base of module.paths) {
    const candidate = path.join(base, name);
    if (fsSync.existsSync(path.join(candidate, 'package.json'))) return candidate;
  }
  throw new Error(`package ${name} is not installed; run npm ci in infra/local/sidecars`);
}

let loaderRegistered = false;

/** tfjs in Node without tfjs-node has no file:// handler; this one reads model.json and its weight shards. */
function registerFileLoader(tf) {
  if (loaderRegistered) return;
  loaderRegistered = true;
  tf.io.registerLoadRouter((url) => {
    const target = Array.isArray(url) ? url[0] : url;
    if (typeof target !== 'string' || !target.startsWith('file://')) return null;
    const modelPath = fileURLToPath(target);
    return {
      load: async () => {
        const modelJson = JSON.parse(await fs.readFile(modelPath, 'utf8'));
        return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
          const specs = [];
          const shards = [];
          for (const group of manifest) {
            specs.push(...group.weights);
            for (const shard of group.paths) shards.push(await fs.readFile(path.join(path.dirname(modelPath), shard)));
          }
          const weights = Buffer.concat(shards);
          return [specs, weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength)];
        });
      },
    };
  });
}

/**
 * Human on tfjs's WASM backend, its models read from the files the npm package ships (no network), with every part
 * off but the ones given (such as { object: {...} }); initialised and loaded.
 */
async function startHuman(parts) {
  const humanDir = packageDir('@vladmandic/human');
  // By file path: the package's exports map does not expose the node-wasm build.
  const { Human } = require(path.join(humanDir, 'dist', 'human.node-wasm.js'));
  const tf = require('@tensorflow/tfjs-core');
  registerFileLoader(tf);
  const modelsDir = path.join(humanDir, 'models');
  const human = new Human({
    backend: 'wasm',
    wasmPath: `${path.join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist')}${path.sep}`,
    modelBasePath: `${pathToFileURL(modelsDir).href}/`,
    debug: false,
    async: true,
    warmup: 'none',
    // Every request is a different photo: never reuse a previous frame's result.
    cacheSensitivity: 0,
    skipAllowed: false,
    filter: { enabled: false },
    face: { enabled: false },
    body: { enabled: false },
    hand: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
    object: { enabled: false },
    ...parts,
  });
  await human.init();
  await human.load();
  return { human, tf, modelsDir };
}

/** Human with only the CenterNet object model; a detector for letterboxed size x size RGB squares. */
async function loadDetector({ minScore = 0.05, maxDetected = 100, iouThreshold = 0.4 } = {}) {
  const { human, tf, modelsDir } = await startHuman({
    object: { enabled: true, modelPath: `${MODEL_NAME}.json`, minConfidence: minScore, maxDetected, iouThreshold, skipFrames: 0, skipTime: 0 },
  });
  // Human logs a failed model load instead of throwing; without this the detector would answer with no labels forever.
  const model = human.models.models[MODEL_NAME];
  if (!model || !model.executor) throw new Error(`the ${MODEL_NAME} model did not load from ${modelsDir}`);
  const inputSize = Number(model.modelSignature?.inputs ? Object.values(model.modelSignature.inputs)[0].tensorShape.dim[1].size : 512);

  /** @param {Uint8Array} square packed RGB, inputSize x inputSize */
  async function detect(square) {
    const input = tf.tensor4d(Float32Array.from(square), [1, inputSize, inputSize, 3], 'float32');
    try {
      const result = await human.detect(input);
      if (result.error) throw new Error(`detection failed: ${result.error}`);
      return result.object.map((o) => ({ label: o.label, score: o.score, boxRaw: o.boxRaw }));
    } finally {
      tf.dispose(input);
    }
  }

  // The first inference allocates and compiles; do it now rather than on a user's request.
  await detect(new Uint8Array(inputSize * inputSize * 3));
  return { detect, inputSize, backend: tf.getBackend(), numTensors: () => tf.memory().numTensors };
}

module.exports = { loadDetector, startHuman, packageDir, LABEL_MODEL_VERSION, MODEL_NAME, HUMAN_VERSION };
