'use strict';

// End to end: the real detector on a free port, called over HTTP as an AWS client would: its health, the requests it
// refuses and why, S3 objects read through the fake S3, many calls at once, and answers that conform to botocore's
// Rekognition model. What the models find on photos is in photos.test.js.

const test = require('node:test');
const assert = require('node:assert/strict');
const sharp = require('sharp');
const { HAVE_SHARED, bytesRequest, detectLabels, request, sharedImage } = require('../test-support/harness');
const { HAVE_MODEL, MODEL_PATH, loadModel, shapeProblems } = require('../test-support/botocore-shapes');
const { PHOTOS, BUCKET, SPECIAL_KEY, SKIP_SHARED, solidPng, noiseJpeg, assertValidLabels, find, detectOk, assertAwsError, textPng, assertRatioBox, useDetectorSession } = require('../test-support/detector-session');

const session = useDetectorSession();

test('health_afterStart_isOkWithTwoWorkers', async () => {
  const response = await request(session.detector.url, { method: 'GET', path: '/health' });
  assert.equal(response.status, 200);
  assert.deepEqual(response.json, { status: 'ok', workers: 2, model: 'centernet' });
});

test('detectLabels_generatedSolidImage_succeedsWithValidShapeAndItsColour', async () => {
  const result = await detectOk(session.detector.url, bytesRequest(await solidPng(320, 200, [30, 120, 200]), { Features: ['GENERAL_LABELS', 'IMAGE_PROPERTIES'], MinConfidence: 0 }));
  assertValidLabels(result.Labels, 0);
  assert.equal(result.LabelModelVersion, 'human-3.3.6-centernet-coco80');
  const [colour] = result.ImageProperties.DominantColors;
  assert.deepEqual([colour.Red, colour.Green, colour.Blue, colour.PixelPercent], [30, 120, 200, 100]);
  assert.equal(colour.SimplifiedColor, 'blue');
  assert.equal(result.ImageProperties.Quality.Contrast, 0);
});

test('detectLabels_generatedUnusualPngs_decode', async () => {
  const grey16 = await sharp(Buffer.alloc(96 * 80 * 2, 0x80), { raw: { width: 96, height: 80, channels: 1 } }).png().toBuffer();
  const alpha = await sharp({ create: { width: 90, height: 300, channels: 4, background: { r: 10, g: 200, b: 10, alpha: 0.5 } } }).png().toBuffer();
  for (const bytes of [grey16, alpha]) assertValidLabels((await detectOk(session.detector.url, bytesRequest(bytes, { MinConfidence: 0 }))).Labels, 0);
});

test('detectLabels_generatedTruncatedOrForeignBytes_isInvalidImageFormat', async () => {
  const jpeg = await noiseJpeg(256, 256);
  assertAwsError(await detectLabels(session.detector.url, bytesRequest(jpeg.subarray(0, Math.floor(jpeg.length / 2)))), 'InvalidImageFormatException');
  const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } }).gif().toBuffer();
  assertAwsError(await detectLabels(session.detector.url, bytesRequest(gif)), 'InvalidImageFormatException');
  assertAwsError(await detectLabels(session.detector.url, bytesRequest(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))), 'InvalidImageFormatException');
});

test('detectLabels_malformedRequests_areInvalidParameter', async () => {
  assertAwsError(await detectLabels(session.detector.url, '{not json'), 'InvalidParameterException');
  assertAwsError(await detectLabels(session.detector.url, { MaxLabels: 3 }), 'InvalidParameterException');
  const unknownTarget = await request(session.detector.url, { headers: { 'X-Amz-Target': 'RekognitionService.CompareFaces', 'Content-Type': 'application/x-amz-json-1.1' }, body: '{}' });
  assertAwsError(unknownTarget, 'InvalidParameterException');
});

test('detectLabels_bytesOverFiveMegabytes_isImageTooLarge', async () => {
  const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x11);
  big.set([0xff, 0xd8, 0xff, 0xe0]);
  assertAwsError(await detectLabels(session.detector.url, bytesRequest(big)), 'ImageTooLargeException');
});

test('detectLabels_unknownPath_is404', async () => {
  assert.equal((await request(session.detector.url, { method: 'GET', path: '/nothing' })).status, 404);
});

test('detectLabels_s3Object_readsPathStyleWithAnEncodedKey', async () => {
  const image = HAVE_SHARED ? sharedImage('cat_chelsea.png') : await solidPng(200, 150, [250, 250, 250]);
  session.s3.put(`/${BUCKET}/uploads/feed-1/img%201%2Bx%282%29.png`, image);
  const result = await detectOk(session.detector.url, { Image: { S3Object: { Bucket: BUCKET, Name: SPECIAL_KEY } }, MinConfidence: 30 });
  assertValidLabels(result.Labels, 30);
  assert.ok(session.s3.requested.includes(`/${BUCKET}/uploads/feed-1/img%201%2Bx%282%29.png`), session.s3.requested.join(', '));
  if (HAVE_SHARED) assert.ok(find(result.Labels, 'Cat'), JSON.stringify(result.Labels.map((l) => l.Name)));
});

test('detectLabels_s3ObjectMissing_isInvalidS3Object', async () => {
  assertAwsError(await detectLabels(session.detector.url, { Image: { S3Object: { Bucket: BUCKET, Name: 'uploads/none/such' } } }), 'InvalidS3ObjectException');
});

test('detectLabels_s3ObjectNotAnImageOrTooLarge_isRejected', async () => {
  session.s3.put(`/${BUCKET}/text.jpg`, Buffer.from('this is not a photo'));
  assertAwsError(await detectLabels(session.detector.url, { Image: { S3Object: { Bucket: BUCKET, Name: 'text.jpg' } } }), 'InvalidImageFormatException');
  session.s3.put(`/${BUCKET}/empty.jpg`, Buffer.alloc(0));
  assertAwsError(await detectLabels(session.detector.url, { Image: { S3Object: { Bucket: BUCKET, Name: 'empty.jpg' } } }), 'InvalidImageFormatException');
  const huge = Buffer.alloc(15 * 1024 * 1024 + 1, 0x22);
  huge.set([0xff, 0xd8, 0xff, 0xe0]);
  session.s3.put(`/${BUCKET}/huge.jpg`, huge);
  assertAwsError(await detectLabels(session.detector.url, { Image: { S3Object: { Bucket: BUCKET, Name: 'huge.jpg' } } }), 'ImageTooLargeException');
});

test('detectLabels_concurrentRequests_allSucceedWithIdenticalResults', async () => {
  const image = HAVE_SHARED ? sharedImage('two_beagles.jpg') : await noiseJpeg(300, 200);
  const results = await Promise.all(Array.from({ length: 6 }, () => detectOk(session.detector.url, bytesRequest(image, { MinConfidence: 10 }))));
  for (const result of results.slice(1)) assert.deepEqual(result.Labels, results[0].Labels);
});

test('allOperations_eachSharedPhotoAskedAtOnceAsProcessImageDoes_giveValidAnswers', SKIP_SHARED, async () => {
  for (const photo of PHOTOS) {
    const body = bytesRequest(sharedImage(photo));
    const [labels, faces, text, moderation] = await Promise.all([
      detectOk(session.detector.url, { ...body, MinConfidence: 20, Features: ['GENERAL_LABELS', 'IMAGE_PROPERTIES'] }),
      session.operationOk('DetectFaces', { ...body, Attributes: ['ALL'] }),
      session.operationOk('DetectText', body),
      session.operationOk('DetectModerationLabels', body),
    ]);
    assert.ok(labels.Labels.length >= 1, `${photo}: no labels`);
    assertValidLabels(labels.Labels, 20);
    assert.ok(labels.ImageProperties.DominantColors.length >= 1);
    // "Face" is a label exactly when DetectFaces finds a face of at least the label threshold.
    assert.equal(Boolean(find(labels.Labels, 'Face')), faces.FaceDetails.some((f) => f.Confidence >= 20), photo);
    for (const face of faces.FaceDetails) assertRatioBox(face.BoundingBox);
    // None of the eight photos shows legible text (the cafe's menu is a few pixels tall): no noise lines.
    assert.deepEqual(text.TextDetections.map((t) => t.DetectedText), [], photo);
    assert.ok(!find(labels.Labels, 'Text'), photo);
    // Nothing unsafe in them at Rekognition's default threshold.
    assert.deepEqual(moderation.ModerationLabels, [], photo);
    assert.equal(moderation.ModerationModelVersion, 'nsfwjs-4.4.0-mobilenet_v2');
  }
});

// Right after the photos were analysed, so these reuse the shared face and text analyses.
test('detectOperations_invalidImages_areInvalidImageFormat', async () => {
  const jpeg = await noiseJpeg(128, 128);
  for (const operation of ['DetectFaces', 'DetectText', 'DetectModerationLabels']) {
    assertAwsError(await session.callOperation(operation, bytesRequest(jpeg.subarray(0, jpeg.length / 2))), 'InvalidImageFormatException');
  }
});

// Rekognition's quotas: 80 to 10K pixels a side. Over it an image is too large, not unreadable, whatever its byte size;
// under it the request is refused as InvalidParameterException, as AWS does.
test('everyOperation_imageOutsideEightyToTenThousandPixelsASide_isRefusedForItsSize', async () => {
  const grey = (width, height) => sharp({ create: { width, height, channels: 3, background: 'grey' } });
  const wide = await grey(10_001, 80).jpeg().toBuffer();
  const huge = await grey(12_000, 12_000).jpeg({ quality: 50 }).toBuffer();
  const tall = await grey(80, 10_001).png().toBuffer();
  const tiny = await grey(40, 40).png().toBuffer();
  for (const bytes of [wide, huge, tall]) {
    const refused = await detectLabels(session.detector.url, bytesRequest(bytes));
    assertAwsError(refused, 'ImageTooLargeException');
    assert.match(refused.json.Message, /exceed maximum dimension size of 10000 pixels/);
  }
  for (const bytes of [await grey(79, 200).png().toBuffer(), await grey(200, 79).jpeg().toBuffer()]) {
    const refused = await detectLabels(session.detector.url, bytesRequest(bytes));
    assertAwsError(refused, 'InvalidParameterException');
    assert.match(refused.json.Message, /below the minimum of 80 pixels/);
  }
  for (const operation of ['DetectFaces', 'DetectText', 'DetectModerationLabels']) {
    assertAwsError(await session.callOperation(operation, bytesRequest(wide)), 'ImageTooLargeException');
    assertAwsError(await session.callOperation(operation, bytesRequest(tiny)), 'InvalidParameterException');
  }
  for (const bytes of [await grey(10_000, 80).jpeg().toBuffer(), await grey(80, 80).png().toBuffer()]) {
    assertValidLabels((await detectOk(session.detector.url, bytesRequest(bytes, { MinConfidence: 0 }))).Labels, 0);
  }
});

test('everyOperation_realResponses_conformToBotocoresRekognitionModel', { skip: HAVE_MODEL ? false : `botocore model not found at ${MODEL_PATH}` }, async () => {
  const model = loadModel();
  const portrait = HAVE_SHARED ? sharedImage('person_portrait_grace_hopper.jpg') : await textPng(['No face here']);
  const text = await textPng(['Contract check 42']);
  const responses = {
    DetectLabels: await detectOk(session.detector.url, bytesRequest(portrait, { MinConfidence: 0, Features: ['GENERAL_LABELS', 'IMAGE_PROPERTIES'] })),
    DetectFaces: await session.operationOk('DetectFaces', bytesRequest(portrait, { Attributes: ['ALL'] })),
    DetectText: await session.operationOk('DetectText', bytesRequest(text)),
    DetectModerationLabels: await session.operationOk('DetectModerationLabels', bytesRequest(portrait, { MinConfidence: 0 })),
  };
  for (const [operation, response] of Object.entries(responses)) {
    assert.deepEqual(shapeProblems(model, model.operations[operation].output.shape, response), [], operation);
  }
  assert.ok(responses.DetectModerationLabels.ModerationLabels.length > 0 && responses.DetectText.TextDetections.length > 0);
  if (HAVE_SHARED) assert.ok(responses.DetectFaces.FaceDetails[0].Landmarks.length > 0 && responses.DetectFaces.FaceDetails[0].Emotions.length > 0);
  // And the error body every operation answers with.
  const error = await session.callOperation('DetectText', bytesRequest(Buffer.from('not an image')));
  assert.ok(model.operations.DetectText.errors.some((e) => e.shape === error.json.__type), error.json.__type);
});
