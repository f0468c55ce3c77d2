'use strict';

// Faces from @vladmandic/human 3.3.6, on the same tfjs WASM backend as the object model:
// blazeface finds faces, facemesh places 468 points (landmarks and head pose come from them),
// the emotion model scores seven expressions and faceres estimates an age. Human's gender output
// is never read: AWS itself warns against inferring gender from a face.

const { startHuman, HUMAN_VERSION } = require('./model');

const FACE_MODEL_VERSION = `human-${HUMAN_VERSION}-blazeface-facemesh-emotion-faceres`;
// Faces are looked for on an image at most this many pixels on its longer side.
const FACE_INPUT_MAX_SIDE = 1024;

async function loadFaceModel({ minConfidence = 0.3, maxDetected = 50 } = {}) {
  const frame = { skipFrames: 0, skipTime: 0 };
  const { human, tf, modelsDir } = await startHuman({
    face: {
      enabled: true,
      detector: { rotation: false, maxDetected, minConfidence, return: false, ...frame },
      mesh: { enabled: true },
      iris: { enabled: false },
      // minConfidence 0: every expression's score is reported, as Rekognition lists every emotion.
      emotion: { enabled: true, minConfidence: 0, ...frame },
      description: { enabled: true, ...frame },
      antispoof: { enabled: false },
      liveness: { enabled: false },
    },
  });
  for (const name of ['blazeface', 'facemesh', 'emotion', 'faceres']) {
    if (!human.models.models[name]) throw new Error(`the ${name} face model did not load from ${modelsDir}`);
  }

  /**
   * @param {Uint8Array} rgb packed RGB, width x height
   * @returns {Promise<{score: number, boxRaw: number[], age?: number, emotion: {score: number, emotion: string}[], meshRaw?: number[][], angle?: {roll: number, yaw: number, pitch: number}}[]>}
   */
  async function detectFaces(rgb, width, height) {
    const input = tf.tensor4d(Float32Array.from(rgb), [1, height, width, 3], 'float32');
    try {
      const result = await human.detect(input);
      if (result.error) throw new Error(`face detection failed: ${result.error}`);
      return result.face.map((f) => ({
        score: f.score,
        boxRaw: f.boxRaw,
        age: f.age,
        emotion: f.emotion ?? [],
        meshRaw: f.meshRaw?.length === 468 ? f.meshRaw.map((p) => [p[0], p[1]]) : undefined,
        angle: f.rotation?.angle,
      }));
    } finally {
      tf.dispose(input);
    }
  }

  return { detectFaces };
}

module.exports = { loadFaceModel, FACE_MODEL_VERSION, FACE_INPUT_MAX_SIDE };
