'use strict';

// The request shapes of DetectFaces, DetectText and DetectModerationLabels (botocore
// rekognition/2016-06-27), and the HTTP layer serving them with a fake worker pool.

const test = require('node:test');
const assert = require('node:assert/strict');
const { once } = require('node:events');
const { RekognitionError, TARGETS, parseDetectFacesRequest, parseDetectTextRequest, parseDetectModerationLabelsRequest } = require('../protocol');
const { createDetectorServer } = require('../server');
const { request } = require('../test-support/harness');
const { HAVE_MODEL, MODEL_PATH, loadModel, shapeProblems } = require('../test-support/botocore-shapes');

const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const IMAGE = { Bytes: PNG_HEADER.toString('base64') };

function throwsType(fn, type) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof RekognitionError, String(error));
    assert.equal(error.type, type);
    return true;
  });
}

test('targets_serveTheFourDetectOperations', () => {
  assert.deepEqual(Object.keys(TARGETS).sort(), [
    'RekognitionService.DetectFaces',
    'RekognitionService.DetectLabels',
    'RekognitionService.DetectModerationLabels',
    'RekognitionService.DetectText',
  ]);
});

test('parseDetectFacesRequest_attributes_defaultToDefaultAndAreChecked', () => {
  assert.deepEqual([...parseDetectFacesRequest(JSON.stringify({ Image: IMAGE })).attributes], ['DEFAULT']);
  assert.deepEqual([...parseDetectFacesRequest(JSON.stringify({ Image: IMAGE, Attributes: [] })).attributes], ['DEFAULT']);
  assert.deepEqual([...parseDetectFacesRequest(JSON.stringify({ Image: IMAGE, Attributes: ['ALL'] })).attributes], ['ALL']);
  throwsType(() => parseDetectFacesRequest(JSON.stringify({ Image: IMAGE, Attributes: ['AGE'] })), 'InvalidParameterException');
  throwsType(() => parseDetectFacesRequest(JSON.stringify({ Image: IMAGE, Attributes: 'ALL' })), 'InvalidParameterException');
  throwsType(() => parseDetectFacesRequest(JSON.stringify({ Attributes: ['ALL'] })), 'InvalidParameterException');
});

test('parseDetectTextRequest_filters_areReadAndChecked', () => {
  const parsed = parseDetectTextRequest(
    JSON.stringify({
      Image: IMAGE,
      Filters: { WordFilter: { MinConfidence: 80, MinBoundingBoxHeight: 0.05 }, RegionsOfInterest: [{ BoundingBox: { Left: 0.1, Top: 0.2, Width: 0.5, Height: 0.3 } }] },
    }),
  );
  assert.deepEqual(parsed.filters, { minConfidence: 80, minHeight: 0.05, minWidth: 0, regions: [{ Width: 0.5, Height: 0.3, Left: 0.1, Top: 0.2 }] });
  assert.deepEqual(parseDetectTextRequest(JSON.stringify({ Image: IMAGE })).filters, { minConfidence: undefined, minHeight: 0, minWidth: 0, regions: [] });
  throwsType(() => parseDetectTextRequest(JSON.stringify({ Image: IMAGE, Filters: { WordFilter: { MinConfidence: 101 } } })), 'InvalidParameterException');
  throwsType(() => parseDetectTextRequest(JSON.stringify({ Image: IMAGE, Filters: { RegionsOfInterest: [{ BoundingBox: { Left: 2 } }] } })), 'InvalidParameterException');
  throwsType(() => parseDetectTextRequest(JSON.stringify({ Image: IMAGE, Filters: { RegionsOfInterest: [{ Polygon: [{ X: 0, Y: 0 }] }] } })), 'InvalidParameterException');
});

test('parseDetectModerationLabelsRequest_minConfidenceAndAwsOnlyMembers', () => {
  assert.equal(parseDetectModerationLabelsRequest(JSON.stringify({ Image: IMAGE, MinConfidence: 70 })).minConfidence, 70);
  assert.equal(parseDetectModerationLabelsRequest(JSON.stringify({ Image: IMAGE })).minConfidence, undefined);
  throwsType(() => parseDetectModerationLabelsRequest(JSON.stringify({ Image: IMAGE, MinConfidence: -1 })), 'InvalidParameterException');
  throwsType(() => parseDetectModerationLabelsRequest(JSON.stringify({ Image: IMAGE, HumanLoopConfig: { HumanLoopName: 'h', FlowDefinitionArn: 'arn' } })), 'InvalidParameterException');
  throwsType(() => parseDetectModerationLabelsRequest('[1]'), 'InvalidParameterException');
});

function fakePool(result) {
  const pool = {
    ready: true,
    readyCount: 2,
    saturated: false,
    payloads: [],
    async run(payload) {
      pool.payloads.push(payload);
      return result;
    },
  };
  return pool;
}

async function serve(pool) {
  const server = createDetectorServer({ pool });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

const call = (url, operation, body) =>
  request(url, { headers: { 'X-Amz-Target': `RekognitionService.${operation}`, 'Content-Type': 'application/x-amz-json-1.1' }, body: JSON.stringify(body) });

const FACE = {
  BoundingBox: { Width: 0.2, Height: 0.3, Left: 0.1, Top: 0.1 },
  Landmarks: [{ Type: 'nose', X: 0.2, Y: 0.25 }],
  Pose: { Roll: 1, Yaw: 2, Pitch: 3 },
  Quality: { Brightness: 50, Sharpness: 60 },
  Confidence: 99,
  AgeRange: { Low: 30, High: 40 },
  Emotions: [{ Type: 'HAPPY', Confidence: 90 }],
};
const LINE = { text: 'STOP\n', confidence: 93, bbox: { x0: 10, y0: 10, x1: 90, y1: 40 }, words: [{ text: 'STOP', confidence: 93, bbox: { x0: 10, y0: 10, x1: 90, y1: 40 } }] };

test('server_detectFaces_answersFaceDetailsForTheAskedAttributes', async () => {
  const pool = fakePool({ faces: [FACE] });
  const detector = await serve(pool);
  const all = await call(detector.url, 'DetectFaces', { Image: IMAGE, Attributes: ['ALL'] });
  assert.equal(all.status, 200, all.text);
  assert.equal(all.headers['content-type'], 'application/x-amz-json-1.1');
  assert.deepEqual(all.json, { FaceDetails: [FACE] });
  const plain = await call(detector.url, 'DetectFaces', { Image: IMAGE });
  assert.deepEqual(Object.keys(plain.json.FaceDetails[0]).sort(), ['BoundingBox', 'Confidence', 'Landmarks', 'Pose', 'Quality']);
  assert.equal(pool.payloads.length, 1, 'the second call reuses the first analysis of the same bytes');
  assert.deepEqual(Object.keys(pool.payloads[0]).sort(), ['bytes', 'faces']);
  await detector.close();
});

test('server_detectText_answersLinesAndWordsWithTheModelVersion', async () => {
  const detector = await serve(fakePool({ text: { width: 100, height: 50, lines: [LINE] } }));
  const response = await call(detector.url, 'DetectText', { Image: IMAGE });
  assert.equal(response.status, 200, response.text);
  assert.deepEqual(response.json.TextDetections.map((t) => [t.Type, t.DetectedText, t.Id, t.ParentId]), [
    ['LINE', 'STOP', 0, undefined],
    ['WORD', 'STOP', 1, 0],
  ]);
  assert.deepEqual(response.json.TextDetections[0].Geometry.BoundingBox, { Width: 0.8, Height: 0.6, Left: 0.1, Top: 0.2 });
  assert.match(response.json.TextModelVersion, /^tesseract\.js-7\.0\.0-eng-/);
  await detector.close();
});

test('server_detectModerationLabels_mapsScoresAndHonoursMinConfidence', async () => {
  const detector = await serve(fakePool({ moderation: { Porn: 0.8, Neutral: 0.1, Sexy: 0.1, Drawing: 0, Hentai: 0 } }));
  const response = await call(detector.url, 'DetectModerationLabels', { Image: IMAGE, MinConfidence: 60 });
  assert.equal(response.status, 200, response.text);
  assert.deepEqual(response.json, {
    ModerationLabels: [
      { Confidence: 80, Name: 'Explicit', ParentName: '', TaxonomyLevel: 1 },
      { Confidence: 80, Name: 'Explicit Nudity', ParentName: 'Explicit', TaxonomyLevel: 2 },
    ],
    ModerationModelVersion: 'nsfwjs-4.4.0-mobilenet_v2',
  });
  await detector.close();
});

test('server_detectLabels_addsFaceAndTextLabelsFromTheSharedAnalyses', async () => {
  const pool = fakePool({ detections: [], faces: [FACE], text: { width: 100, height: 50, lines: [LINE] } });
  const detector = await serve(pool);
  const labels = await call(detector.url, 'DetectLabels', { Image: IMAGE });
  assert.equal(labels.status, 200, labels.text);
  assert.deepEqual(labels.json.Labels.map((l) => [l.Name, l.Confidence, l.Instances.length, l.Categories[0].Name]), [
    ['Face', 99, 0, 'Person Description'],
    ['Text', 93, 0, 'Text and Documents'],
  ]);
  // DetectFaces and DetectText on the same bytes now join those analyses instead of running them again.
  await call(detector.url, 'DetectFaces', { Image: IMAGE });
  await call(detector.url, 'DetectText', { Image: IMAGE });
  assert.equal(pool.payloads.length, 3);
  await detector.close();
});

test('server_eachNewOperation_refusesNonImagesAndMissingImagesAsRekognitionDoes', async () => {
  const pool = fakePool({});
  const detector = await serve(pool);
  for (const operation of ['DetectFaces', 'DetectText', 'DetectModerationLabels']) {
    const notImage = await call(detector.url, operation, { Image: { Bytes: Buffer.from('plain text').toString('base64') } });
    assert.equal(notImage.status, 400);
    assert.equal(notImage.headers['x-amzn-errortype'], 'InvalidImageFormatException');
    assert.equal(notImage.json.__type, 'InvalidImageFormatException');
    const missing = await call(detector.url, operation, {});
    assert.equal(missing.json.__type, 'InvalidParameterException', `${operation}: ${missing.text}`);
    const noS3 = await call(detector.url, operation, { Image: { S3Object: { Bucket: 'bucket', Name: 'key' } } });
    assert.equal(noS3.json.__type, 'InvalidS3ObjectException');
  }
  assert.equal(pool.payloads.length, 0);
  await detector.close();
});

test('botocoreShapeCheck_nonConformingFaceDetail_isReported', { skip: HAVE_MODEL ? false : `botocore model not found at ${MODEL_PATH}` }, () => {
  const problems = shapeProblems(loadModel(), 'DetectFacesResponse', { FaceDetails: [{ Gender: { Value: 'Other' }, Emotions: [{ Type: 'BORED', Confidence: 101 }], AgeRange: { Low: 1.5 } }] });
  assert.deepEqual(problems, [
    "DetectFacesResponse.FaceDetails[0].Gender.Value: Other is not one of GenderType's values",
    "DetectFacesResponse.FaceDetails[0].Emotions[0].Type: BORED is not one of EmotionName's values",
    'DetectFacesResponse.FaceDetails[0].Emotions[0].Confidence: 101 > max 100',
    'DetectFacesResponse.FaceDetails[0].AgeRange.Low: expected an integer, got 1.5',
  ]);
});

test('server_detectLabelsWhoseFiltersDropFaceAndText_runsNeitherAnalysis', async () => {
  const pool = fakePool({ detections: [], faces: [FACE], text: { width: 100, height: 50, lines: [LINE] } });
  const detector = await serve(pool);
  const excluded = await call(detector.url, 'DetectLabels', { Image: IMAGE, Settings: { GeneralLabels: { LabelExclusionFilters: ['Face', 'Text'] } } });
  assert.equal(excluded.status, 200, excluded.text);
  assert.deepEqual(excluded.json.Labels, []);
  assert.deepEqual(pool.payloads.map((p) => Object.keys(p).sort().join()), ['bytes,labels,maxDominantColors,properties']);
  const onlyText = await call(detector.url, 'DetectLabels', { Image: IMAGE, Settings: { GeneralLabels: { LabelCategoryInclusionFilters: ['Text and Documents'] } } });
  assert.deepEqual(onlyText.json.Labels.map((l) => l.Name), ['Text']);
  assert.equal(pool.payloads.filter((p) => p.faces).length, 0, 'the face analysis cannot pass that filter');
  await detector.close();
});
