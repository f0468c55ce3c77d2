'use strict';

// Unsafe-content scores from nsfwjs 4.4.0's MobileNetV2 (weights bundled in the package as
// base64 JS modules), on the same tfjs WASM backend. nsfwjs' own loader imports the weight module
// through TypeScript's __importStar, which copies a 3.5-million-character string key by key
// (about 22 s here); so the bundled files are read directly and handed to nsfwjs as an IOHandler.

const path = require('node:path');
const { packageDir } = require('./model');

const NSFWJS_VERSION = '4.4.0';
const MODERATION_MODEL_VERSION = `nsfwjs-${NSFWJS_VERSION}-mobilenet_v2`;
const MODERATION_INPUT_SIZE = 224;

async function loadModerationModel() {
  const tf = require('@tensorflow/tfjs');
  const nsfwjs = require('nsfwjs');
  const dir = path.join(packageDir('nsfwjs'), 'dist', 'models', 'mobilenet_v2');
  const modelJson = require(path.join(dir, 'model.min.js'));
  const weights = Buffer.from(require(path.join(dir, 'group1-shard1of1.min.js')), 'base64');
  const handler = {
    load: async () => ({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest.flatMap((group) => group.weights),
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
    }),
  };
  const model = await nsfwjs.load(handler, { size: MODERATION_INPUT_SIZE });

  /**
   * @param {Uint8Array} rgb packed RGB, 224 x 224
   * @returns {Promise<Record<string, number>>} each nsfwjs class (Drawing, Hentai, Neutral, Porn, Sexy) with its probability
   */
  async function classify(rgb) {
    const image = tf.tensor3d(Int32Array.from(rgb), [MODERATION_INPUT_SIZE, MODERATION_INPUT_SIZE, 3], 'int32');
    try {
      const predictions = await model.classify(image, 5);
      return Object.fromEntries(predictions.map((p) => [p.className, p.probability]));
    } finally {
      image.dispose();
    }
  }

  return { classify };
}

module.exports = { loadModerationModel, MODERATION_MODEL_VERSION, MODERATION_INPUT_SIZE };
