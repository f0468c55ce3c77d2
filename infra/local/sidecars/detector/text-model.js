'use strict';

// Text from tesseract.js 7 with its WASM core and the English LSTM data of @tesseract.js-data/eng,
// read from the installed package (no download, no cache written). tesseract.js runs its engine in
// a worker thread of its own, which this detector worker keeps for its whole life.

const path = require('node:path');
const { packageDir } = require('./model');

const TESSERACT_VERSION = '7.0.0';
// The data package ships 4.0.0 (legacy + LSTM, 10.9 MB) and 4.0.0_best_int (LSTM only, 2.9 MB);
// only the LSTM engine runs here, and the smaller file loads about 40 % faster.
const TRAINED_DATA = '4.0.0_best_int';
const TEXT_MODEL_VERSION = `tesseract.js-${TESSERACT_VERSION}-eng-${TRAINED_DATA}`;
// Text is read from an image at most this many pixels on its longer side.
const TEXT_INPUT_MAX_SIDE = 2000;

async function loadTextModel() {
  const { createWorker, OEM, PSM } = require('tesseract.js');
  const worker = await createWorker('eng', OEM.LSTM_ONLY, {
    langPath: path.join(packageDir('@tesseract.js-data/eng'), TRAINED_DATA),
    gzip: true,
    cacheMethod: 'none',
    // Its own worker's logs would go to stdout, which belongs to the server.
    logger: () => {},
    errorHandler: (error) => process.stderr.write(`tesseract: ${error}\n`),
  });

  // The PNGs given to it carry no resolution, so tesseract would assume 70 dpi and warn on stderr
  // for every image; saying so once keeps the same behaviour without the noise.
  // tesseract.js reads a whole image as one uniform block of text unless told otherwise. On a photo that
  // means running the LSTM over all of its texture: 5.5 s for a 12-megapixel photo, every "line" of it
  // noise under MIN_TEXT_CONFIDENCE. Automatic page segmentation (tesseract's own default) first looks for text
  // regions: on ../shared's photos and the tests' text images it keeps the same lines, 12 times faster.
  await worker.setParameters({ user_defined_dpi: '70', tessedit_pageseg_mode: PSM.AUTO });

  /**
   * @param {Buffer} png the image, oriented as displayed
   * @returns {Promise<{text: string, confidence: number, bbox: {x0: number, y0: number, x1: number, y1: number}, words: {text: string, confidence: number, bbox: object}[]}[]>}
   */
  async function recognizeLines(png) {
    const { data } = await worker.recognize(png, {}, { blocks: true, text: false });
    const lines = [];
    for (const block of data.blocks ?? []) {
      for (const paragraph of block.paragraphs) {
        for (const line of paragraph.lines) {
          lines.push({
            text: line.text,
            confidence: line.confidence,
            bbox: line.bbox,
            words: line.words.map((w) => ({ text: w.text, confidence: w.confidence, bbox: w.bbox })),
          });
        }
      }
    }
    return lines;
  }

  return { recognizeLines, terminate: () => worker.terminate() };
}

module.exports = { loadTextModel, TEXT_MODEL_VERSION, TEXT_INPUT_MAX_SIDE };
