'use strict';

// What the detector's end-to-end test files share: the detector session, a fake S3, generated images and the
// assertions on answers.

const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { once } = require('node:events');
const sharp = require('sharp');
const { SKIP_WITHOUT_SHARED, detectLabels, request, startDetector } = require('./harness');

const PHOTOS = [
  'cat_chelsea.png',
  'dog_bicycle_truck.jpg',
  'food_burger.jpg',
  'horses.jpg',
  'indoor_cafe_people_table.jpg',
  'motorcycles_riders.jpg',
  'person_portrait_grace_hopper.jpg',
  'two_beagles.jpg',
];
const BUCKET = 'upload-bucket';
const SPECIAL_KEY = 'uploads/feed-1/img 1+x(2).png';
const SKIP_SHARED = { skip: SKIP_WITHOUT_SHARED };

/** Plays S3 for GET /{bucket}/{key}: serves what is in `objects`, 404 NoSuchKey otherwise. */
async function startFakeS3() {
  const objects = new Map();
  const requested = [];
  const server = http.createServer((req, res) => {
    requested.push(req.url);
    const object = objects.get(req.url);
    if (req.method !== 'GET' || !object) {
      res.writeHead(404, { 'Content-Type': 'application/xml' });
      res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': object.length });
    res.end(object);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    put: (urlPath, bytes) => objects.set(urlPath, bytes),
    requested,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const solidPng = (width, height, rgb) => sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } }).png().toBuffer();

function noiseJpeg(width, height) {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i += 1) raw[i] = (i * 7919) % 251;
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
}

function assertValidLabels(labels, minConfidence) {
  assert.ok(Array.isArray(labels));
  for (const label of labels) {
    assert.equal(typeof label.Name, 'string');
    assert.ok(label.Confidence >= minConfidence && label.Confidence <= 100, `${label.Name} ${label.Confidence}`);
    // "Face" and "Text" come from the face and text analyses as whole-image labels, without boxes.
    if (label.Name === 'Face' || label.Name === 'Text') {
      assert.deepEqual(label.Instances, []);
      continue;
    }
    assert.ok(label.Instances.length >= 1, `${label.Name} has no instances`);
    assert.equal(label.Confidence, Math.max(...label.Instances.map((i) => i.Confidence)));
    for (const { BoundingBox: box, Confidence } of label.Instances) {
      assert.ok(Confidence >= minConfidence);
      for (const key of ['Width', 'Height', 'Left', 'Top']) assert.ok(box[key] >= 0 && box[key] <= 1, `${label.Name} ${key}=${box[key]}`);
      assert.ok(box.Width > 0 && box.Height > 0);
      assert.ok(box.Left + box.Width <= 1 + 1e-9 && box.Top + box.Height <= 1 + 1e-9, `${label.Name} box leaves the image`);
    }
    assert.ok(Array.isArray(label.Parents) && Array.isArray(label.Aliases) && Array.isArray(label.Categories));
  }
  for (let i = 1; i < labels.length; i += 1) assert.ok(labels[i - 1].Confidence >= labels[i].Confidence, 'labels are not sorted');
}

const find = (labels, name) => labels.find((l) => l.Name === name);
// For tests about objects and their boxes: the filter also spares the face and text analyses.
const OBJECTS_ONLY = Object.freeze({ Settings: { GeneralLabels: { LabelExclusionFilters: ['Face', 'Text'] } } });

async function detectOk(url, body) {
  const response = await detectLabels(url, body);
  assert.equal(response.status, 200, response.text);
  return response.json;
}

function assertAwsError(response, type) {
  assert.equal(response.status, 400, response.text);
  assert.equal(response.headers['x-amzn-errortype'], type);
  assert.equal(response.json.__type, type);
}

/** Black text on white, rendered by sharp from SVG with a font every Debian machine has. */
function textPng(lines, { width = 900, size = 44 } = {}) {
  const rows = lines.map((line, i) => `<text x="40" y="${90 + i * size * 2}" font-family="DejaVu Sans" font-size="${size}" fill="black">${line}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${60 + lines.length * size * 2}"><rect width="100%" height="100%" fill="white"/>${rows}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

const assertRatioBox = (box) => {
  for (const key of ['Width', 'Height', 'Left', 'Top']) assert.ok(box[key] >= 0 && box[key] <= 1, `${key}=${box[key]}`);
  assert.ok(box.Left + box.Width <= 1 + 1e-9 && box.Top + box.Height <= 1 + 1e-9);
};

/**
 * The real detector (2 worker threads, the real models) on a free port with a fake S3 beside it, started before a
 * test file's tests and stopped after them. Its fields are set once the file's tests begin.
 */
function useDetectorSession() {
  const session = {
    detector: undefined,
    s3: undefined,
    callOperation: (operation, body) =>
      request(session.detector.url, { headers: { 'X-Amz-Target': `RekognitionService.${operation}`, 'Content-Type': 'application/x-amz-json-1.1' }, body: JSON.stringify(body) }),
    async operationOk(operation, body) {
      const response = await session.callOperation(operation, body);
      assert.equal(response.status, 200, response.text);
      return response.json;
    },
  };
  test.before(async () => {
    session.s3 = await startFakeS3();
    session.detector = await startDetector(['--s3-endpoint', session.s3.url]);
  });
  test.after(async () => {
    await session.detector?.stop();
    await session.s3?.close();
  });
  return session;
}

module.exports = {
  PHOTOS,
  BUCKET,
  SPECIAL_KEY,
  SKIP_SHARED,
  startFakeS3,
  solidPng,
  noiseJpeg,
  assertValidLabels,
  find,
  OBJECTS_ONLY,
  detectOk,
  assertAwsError,
  textPng,
  assertRatioBox,
  useDetectorSession,
};
