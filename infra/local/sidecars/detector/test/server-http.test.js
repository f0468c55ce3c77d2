'use strict';

// The HTTP layer of the detector with a fake worker pool: routing, the JSON 1.1 error contract,
// health and throttling, without loading a model.

const test = require('node:test');
const assert = require('node:assert/strict');
const { once } = require('node:events');
const net = require('node:net');
const { createDetectorServer, parseArgs } = require('../server');
const { request, detectLabels, bytesRequest, DETECT_HEADERS } = require('../test-support/harness');

const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const BOX = { Width: 0.5, Height: 0.5, Left: 0.25, Top: 0.25 };

function fakePool(overrides = {}) {
  const pool = {
    ready: true,
    readyCount: 2,
    saturated: false,
    payloads: [],
    result: { width: 10, height: 10, detections: [], imageProperties: undefined },
    async run(payload) {
      pool.payloads.push(payload);
      return pool.result;
    },
    ...overrides,
  };
  return pool;
}

async function serve(pool, options = {}) {
  const server = createDetectorServer({ pool, ...options });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

function assertAwsError(response, type, status = 400) {
  assert.equal(response.status, status, response.text);
  assert.equal(response.headers['x-amzn-errortype'], type);
  assert.equal(response.headers['content-type'], 'application/x-amz-json-1.1');
  assert.equal(response.json.__type, type);
  assert.equal(typeof response.json.Message, 'string');
}

test('health_workersStillLoading_is503', async () => {
  const detector = await serve(fakePool({ ready: false, readyCount: 1 }));
  const response = await request(detector.url, { method: 'GET', path: '/health' });
  assert.equal(response.status, 503);
  assert.deepEqual(response.json, { status: 'starting', workers: 1, model: 'centernet' });
  await detector.close();
});

test('health_allWorkersReady_is200WithContractBody', async () => {
  const detector = await serve(fakePool());
  const response = await request(detector.url, { method: 'GET', path: '/health' });
  assert.equal(response.status, 200);
  assert.equal(response.text, '{"status":"ok","workers":2,"model":"centernet"}');
  await detector.close();
});

test('unknownPathOrMethod_is404', async () => {
  const detector = await serve(fakePool());
  assert.equal((await request(detector.url, { method: 'GET', path: '/' })).status, 404);
  assert.equal((await request(detector.url, { method: 'POST', path: '/labels', headers: DETECT_HEADERS, body: '{}' })).status, 404);
  assert.equal((await request(detector.url, { method: 'GET', path: '/healthz' })).status, 404);
  await detector.close();
});

test('detectLabels_missingOrUnknownTarget_isInvalidParameter', async () => {
  const detector = await serve(fakePool());
  const body = JSON.stringify(bytesRequest(PNG_HEADER));
  assertAwsError(await request(detector.url, { headers: { 'Content-Type': 'application/x-amz-json-1.1' }, body }), 'InvalidParameterException');
  const unknown = await request(detector.url, { headers: { ...DETECT_HEADERS, 'X-Amz-Target': 'RekognitionService.IndexFaces' }, body });
  assertAwsError(unknown, 'InvalidParameterException');
  assert.match(unknown.json.Message, /IndexFaces/);
  assert.match(unknown.json.Message, /DetectModerationLabels/);
  await detector.close();
});

test('detectLabels_malformedJson_isInvalidParameter', async () => {
  const detector = await serve(fakePool());
  assertAwsError(await detectLabels(detector.url, '{"Image": {"Bytes": '), 'InvalidParameterException');
  await detector.close();
});

test('detectLabels_bodyFarOverTheLimit_isImageTooLarge', async () => {
  const detector = await serve(fakePool());
  const response = await detectLabels(detector.url, JSON.stringify({ Image: { Bytes: 'A'.repeat(9 * 1024 * 1024) } }));
  assertAwsError(response, 'ImageTooLargeException');
  await detector.close();
});

test('detectLabels_hugeBody_dropsTheConnectionAndKeepsServing', async () => {
  const detector = await serve(fakePool());
  const huge = Buffer.alloc(70 * 1024 * 1024, 0x41);
  const outcome = await request(detector.url, { headers: DETECT_HEADERS, body: huge }).then(
    (response) => response.status,
    (error) => error.code,
  );
  assert.ok(['ECONNRESET', 'EPIPE', 400].includes(outcome), String(outcome));
  assert.equal((await request(detector.url, { method: 'GET', path: '/health' })).status, 200);
  await detector.close();
});

test('oddRequestTarget_isAnsweredWithoutCrashing', async () => {
  const detector = await serve(fakePool());
  const socket = net.connect(Number(new URL(detector.url).port), '127.0.0.1');
  socket.end('POST http://[ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  let answer = '';
  for await (const chunk of socket) answer += chunk;
  assert.match(answer, /^HTTP\/1\.1 (400|404)/);
  assert.equal((await request(detector.url, { method: 'GET', path: '/health' })).status, 200);
  await detector.close();
});

test('detectLabels_bytesThatAreNoImage_isInvalidImageFormatWithoutUsingAWorker', async () => {
  const pool = fakePool();
  const detector = await serve(pool);
  assertAwsError(await detectLabels(detector.url, bytesRequest(Buffer.from('just text, named photo.jpg'))), 'InvalidImageFormatException');
  assert.equal(pool.payloads.length, 0);
  await detector.close();
});

test('detectLabels_poolSaturated_isThrottlingException', async () => {
  const pool = fakePool({ saturated: true });
  const detector = await serve(pool);
  assertAwsError(await detectLabels(detector.url, bytesRequest(PNG_HEADER)), 'ThrottlingException');
  assert.equal(pool.payloads.length, 0);
  await detector.close();
});

test('detectLabels_workerResult_isShapedFilteredAndCut', async () => {
  const pool = fakePool();
  pool.result.detections = [
    { label: 'dog', score: 0.8, box: BOX },
    { label: 'dog', score: 0.4, box: BOX },
    { label: 'bicycle', score: 0.6, box: BOX },
    { label: 'car', score: 0.2, box: BOX },
  ];
  const detector = await serve(pool);
  const response = await detectLabels(detector.url, bytesRequest(PNG_HEADER, { MinConfidence: 30, MaxLabels: 1 }));
  assert.equal(response.status, 200, response.text);
  assert.equal(response.headers['content-type'], 'application/x-amz-json-1.1');
  assert.ok(response.headers['x-amzn-requestid']);
  assert.deepEqual(Object.keys(response.json), ['Labels', 'LabelModelVersion']);
  assert.deepEqual(response.json.Labels.map((l) => [l.Name, l.Confidence, l.Instances.length]), [['Dog', 80, 2]]);
  assert.equal(response.json.LabelModelVersion, 'human-3.3.6-centernet-coco80');
  assert.deepEqual(pool.payloads[0].bytes, PNG_HEADER);
  assert.equal(pool.payloads[0].labels, true);
  assert.equal(pool.payloads[0].properties, false);
  await detector.close();
});

test('detectLabels_imagePropertiesOnly_returnsPropertiesAndNoLabels', async () => {
  const pool = fakePool();
  pool.result.detections = [{ label: 'dog', score: 0.9, box: BOX }];
  pool.result.imageProperties = { Quality: { Brightness: 1, Sharpness: 2, Contrast: 3 }, DominantColors: [] };
  const detector = await serve(pool);
  const response = await detectLabels(detector.url, bytesRequest(PNG_HEADER, { Features: ['IMAGE_PROPERTIES'], Settings: { ImageProperties: { MaxDominantColors: 4 } } }));
  assert.equal(response.status, 200, response.text);
  assert.deepEqual(response.json.Labels, []);
  assert.deepEqual(response.json.ImageProperties, pool.result.imageProperties);
  assert.deepEqual({ labels: pool.payloads[0].labels, properties: pool.payloads[0].properties, max: pool.payloads[0].maxDominantColors }, { labels: false, properties: true, max: 4 });
  await detector.close();
});

test('detectLabels_workerFailsUnexpectedly_isInternalServerError500', async () => {
  const detector = await serve(
    fakePool({
      async run() {
        throw new Error('wasm out of memory');
      },
    }),
  );
  const originalWrite = process.stderr.write;
  process.stderr.write = () => true; // the server logs 5xx failures; keep the test output clean
  try {
    assertAwsError(await detectLabels(detector.url, bytesRequest(PNG_HEADER)), 'InternalServerError', 500);
  } finally {
    process.stderr.write = originalWrite;
  }
  await detector.close();
});

test('detectLabels_s3ObjectWithoutEndpoint_isInvalidS3Object', async () => {
  const detector = await serve(fakePool(), { s3Endpoint: undefined });
  assertAwsError(await detectLabels(detector.url, { Image: { S3Object: { Bucket: 'bucket', Name: 'key' } } }), 'InvalidS3ObjectException');
  await detector.close();
});

test('parseArgs_flagsAndEnvironment_areRead', () => {
  const argv = ['--port', '9000', '--workers', '3', '--queue', '0', '--log-requests', '--parent-pid', '42'];
  assert.deepEqual(parseArgs(argv, { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:1/' }), {
    host: '127.0.0.1', port: 9000, workers: 3, queue: 0, s3Endpoint: 'http://127.0.0.1:1/', s3Credentials: null, logRequests: true, parentPid: 42,
  });
  assert.equal(parseArgs(['--s3-endpoint', 'http://s3.local:9'], { AWS_ENDPOINT_URL_S3: 'http://other' }).s3Endpoint, 'http://s3.local:9');
  assert.deepEqual(parseArgs([], {}), { host: '127.0.0.1', port: 0, workers: 2, queue: 32, s3Endpoint: undefined, s3Credentials: null, logRequests: false, parentPid: undefined });
  assert.deepEqual(parseArgs([], { AWS_ACCESS_KEY_ID: 'AKIDLOCAL', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'eu-west-1' }).s3Credentials, {
    accessKeyId: 'AKIDLOCAL', secretAccessKey: 'secret', sessionToken: undefined, region: 'eu-west-1',
  });
});

test('parseArgs_invalidValues_throw', () => {
  assert.throws(() => parseArgs(['--port', 'abc']), /--port/);
  assert.throws(() => parseArgs(['--port', '70000']), /--port/);
  assert.throws(() => parseArgs(['--workers', '0']), /--workers/);
  assert.throws(() => parseArgs(['--verbose']), /unknown argument/);
  assert.throws(() => parseArgs(['--s3-endpoint', 'ftp://x']), /http/);
  assert.throws(() => parseArgs(['--port']), /needs a value/);
  assert.throws(() => parseArgs(['--parent-pid', '0']), /--parent-pid/);
});
