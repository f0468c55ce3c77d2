'use strict';

// End to end: the real detector (2 worker threads, the real CenterNet model) on a free port,
// called over HTTP as an AWS client would, with a tiny in-test HTTP server playing S3.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { once } = require('node:events');
const sharp = require('sharp');
const { HAVE_SHARED, SHARED_IMAGES, SKIP_WITHOUT_SHARED, bytesRequest, detectLabels, request, sharedImage, startDetector } = require('../test-support/harness');
const { HAVE_MODEL, MODEL_PATH, loadModel, shapeProblems } = require('../test-support/botocore-shapes');

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

let detector;
let s3;

const callOperation = (operation, body) =>
  request(detector.url, { headers: { 'X-Amz-Target': `RekognitionService.${operation}`, 'Content-Type': 'application/x-amz-json-1.1' }, body: JSON.stringify(body) });

async function operationOk(operation, body) {
  const response = await callOperation(operation, body);
  assert.equal(response.status, 200, response.text);
  return response.json;
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


test.before(async () => {
  s3 = await startFakeS3();
  detector = await startDetector(['--s3-endpoint', s3.url]);
});

test.after(async () => {
  await detector?.stop();
  await s3?.close();
});

test('health_afterStart_isOkWithTwoWorkers', async () => {
  const response = await request(detector.url, { method: 'GET', path: '/health' });
  assert.equal(response.status, 200);
  assert.deepEqual(response.json, { status: 'ok', workers: 2, model: 'centernet' });
});

test('detectLabels_generatedSolidImage_succeedsWithValidShapeAndItsColour', async () => {
  const result = await detectOk(detector.url, bytesRequest(await solidPng(320, 200, [30, 120, 200]), { Features: ['GENERAL_LABELS', 'IMAGE_PROPERTIES'], MinConfidence: 0 }));
  assertValidLabels(result.Labels, 0);
  assert.equal(result.LabelModelVersion, 'human-3.3.6-centernet-coco80');
  const [colour] = result.ImageProperties.DominantColors;
  assert.deepEqual([colour.Red, colour.Green, colour.Blue, colour.PixelPercent], [30, 120, 200, 100]);
  assert.equal(colour.SimplifiedColor, 'blue');
  assert.equal(result.ImageProperties.Quality.Contrast, 0);
});

test('detectLabels_generatedUnusualPngs_decode', async () => {
  const grey16 = await sharp(Buffer.alloc(64 * 48 * 2, 0x80), { raw: { width: 64, height: 48, channels: 1 } }).png().toBuffer();
  const alpha = await sharp({ create: { width: 90, height: 300, channels: 4, background: { r: 10, g: 200, b: 10, alpha: 0.5 } } }).png().toBuffer();
  for (const bytes of [grey16, alpha]) assertValidLabels((await detectOk(detector.url, bytesRequest(bytes, { MinConfidence: 0 }))).Labels, 0);
});

test('detectLabels_generatedTruncatedOrForeignBytes_isInvalidImageFormat', async () => {
  const jpeg = await noiseJpeg(256, 256);
  assertAwsError(await detectLabels(detector.url, bytesRequest(jpeg.subarray(0, Math.floor(jpeg.length / 2)))), 'InvalidImageFormatException');
  const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } }).gif().toBuffer();
  assertAwsError(await detectLabels(detector.url, bytesRequest(gif)), 'InvalidImageFormatException');
  assertAwsError(await detectLabels(detector.url, bytesRequest(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))), 'InvalidImageFormatException');
});

test('detectLabels_malformedRequests_areInvalidParameter', async () => {
  assertAwsError(await detectLabels(detector.url, '{not json'), 'InvalidParameterException');
  assertAwsError(await detectLabels(detector.url, { MaxLabels: 3 }), 'InvalidParameterException');
  const unknownTarget = await request(detector.url, { headers: { 'X-Amz-Target': 'RekognitionService.CompareFaces', 'Content-Type': 'application/x-amz-json-1.1' }, body: '{}' });
  assertAwsError(unknownTarget, 'InvalidParameterException');
});

test('detectLabels_bytesOverFiveMegabytes_isImageTooLarge', async () => {
  const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x11);
  big.set([0xff, 0xd8, 0xff, 0xe0]);
  assertAwsError(await detectLabels(detector.url, bytesRequest(big)), 'ImageTooLargeException');
});

test('detectLabels_unknownPath_is404', async () => {
  assert.equal((await request(detector.url, { method: 'GET', path: '/nothing' })).status, 404);
});

test('detectLabels_s3Object_readsPathStyleWithAnEncodedKey', async () => {
  const image = HAVE_SHARED ? sharedImage('cat_chelsea.png') : await solidPng(200, 150, [250, 250, 250]);
  s3.put(`/${BUCKET}/uploads/feed-1/img%201%2Bx%282%29.png`, image);
  const result = await detectOk(detector.url, { Image: { S3Object: { Bucket: BUCKET, Name: SPECIAL_KEY } }, MinConfidence: 30 });
  assertValidLabels(result.Labels, 30);
  assert.ok(s3.requested.includes(`/${BUCKET}/uploads/feed-1/img%201%2Bx%282%29.png`), s3.requested.join(', '));
  if (HAVE_SHARED) assert.ok(find(result.Labels, 'Cat'), JSON.stringify(result.Labels.map((l) => l.Name)));
});

test('detectLabels_s3ObjectMissing_isInvalidS3Object', async () => {
  assertAwsError(await detectLabels(detector.url, { Image: { S3Object: { Bucket: BUCKET, Name: 'uploads/none/such' } } }), 'InvalidS3ObjectException');
});

test('detectLabels_s3ObjectNotAnImageOrTooLarge_isRejected', async () => {
  s3.put(`/${BUCKET}/text.jpg`, Buffer.from('this is not a photo'));
  assertAwsError(await detectLabels(detector.url, { Image: { S3Object: { Bucket: BUCKET, Name: 'text.jpg' } } }), 'InvalidImageFormatException');
  s3.put(`/${BUCKET}/empty.jpg`, Buffer.alloc(0));
  assertAwsError(await detectLabels(detector.url, { Image: { S3Object: { Bucket: BUCKET, Name: 'empty.jpg' } } }), 'InvalidImageFormatException');
  const huge = Buffer.alloc(15 * 1024 * 1024 + 1, 0x22);
  huge.set([0xff, 0xd8, 0xff, 0xe0]);
  s3.put(`/${BUCKET}/huge.jpg`, huge);
  assertAwsError(await detectLabels(detector.url, { Image: { S3Object: { Bucket: BUCKET, Name: 'huge.jpg' } } }), 'ImageTooLargeException');
});

test('detectLabels_concurrentRequests_allSucceedWithIdenticalResults', async () => {
  const image = HAVE_SHARED ? sharedImage('two_beagles.jpg') : await noiseJpeg(300, 200);
  const results = await Promise.all(Array.from({ length: 6 }, () => detectOk(detector.url, bytesRequest(image, { MinConfidence: 10 }))));
  for (const result of results.slice(1)) assert.deepEqual(result.Labels, results[0].Labels);
});

test('allOperations_eachSharedPhotoAskedAtOnceAsProcessImageDoes_giveValidAnswers', SKIP_SHARED, async () => {
  for (const photo of PHOTOS) {
    const body = bytesRequest(sharedImage(photo));
    const [labels, faces, text, moderation] = await Promise.all([
      detectOk(detector.url, { ...body, MinConfidence: 20, Features: ['GENERAL_LABELS', 'IMAGE_PROPERTIES'] }),
      operationOk('DetectFaces', { ...body, Attributes: ['ALL'] }),
      operationOk('DetectText', body),
      operationOk('DetectModerationLabels', body),
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
test('detectFaces_portrait_oneFaceWithAgeRangeEmotionsLandmarksAndNoGender', SKIP_SHARED, async () => {
  const { FaceDetails } = await operationOk('DetectFaces', bytesRequest(sharedImage('person_portrait_grace_hopper.jpg'), { Attributes: ['ALL'] }));
  assert.equal(FaceDetails.length, 1, JSON.stringify(FaceDetails));
  const [face] = FaceDetails;
  assertRatioBox(face.BoundingBox);
  // The face is in the upper middle of the portrait.
  assert.ok(face.BoundingBox.Left > 0.15 && face.BoundingBox.Left + face.BoundingBox.Width < 0.85, JSON.stringify(face.BoundingBox));
  assert.ok(face.BoundingBox.Top < 0.35, JSON.stringify(face.BoundingBox));
  assert.ok(face.Confidence >= 80);
  assert.ok(face.AgeRange.Low >= 35 && face.AgeRange.High <= 95 && face.AgeRange.Low < face.AgeRange.High, JSON.stringify(face.AgeRange));
  assert.ok(face.Emotions.length >= 1 && face.Emotions.every((e) => ['HAPPY', 'SAD', 'ANGRY', 'DISGUSTED', 'SURPRISED', 'CALM', 'FEAR'].includes(e.Type)));
  const at = (type) => face.Landmarks.find((l) => l.Type === type);
  assert.ok(at('eyeLeft').X < at('eyeRight').X, 'eyeLeft is on the left of the image');
  assert.ok(at('eyeLeft').Y < at('mouthUp').Y && at('mouthUp').Y < at('mouthDown').Y && at('mouthDown').Y < at('chinBottom').Y);
  for (const l of face.Landmarks) assert.ok(l.X >= face.BoundingBox.Left - 0.05 && l.X <= face.BoundingBox.Left + face.BoundingBox.Width + 0.05, l.Type);
  assert.ok(Math.abs(face.Pose.Yaw) < 30 && Math.abs(face.Pose.Roll) < 30, JSON.stringify(face.Pose));
  assert.ok(face.Quality.Brightness > 0 && face.Quality.Sharpness > 0);
  assert.ok(!('Gender' in face));
});

test('detectFaces_defaultAttributes_leaveAgeAndEmotionsOut', SKIP_SHARED, async () => {
  const { FaceDetails } = await operationOk('DetectFaces', bytesRequest(sharedImage('person_portrait_grace_hopper.jpg')));
  assert.deepEqual(Object.keys(FaceDetails[0]).sort(), ['BoundingBox', 'Confidence', 'Landmarks', 'Pose', 'Quality']);
});

test('detectFaces_photosWithoutFaces_areEmpty', SKIP_SHARED, async () => {
  for (const photo of ['cat_chelsea.png', 'food_burger.jpg', 'horses.jpg']) {
    assert.deepEqual((await operationOk('DetectFaces', bytesRequest(sharedImage(photo)))).FaceDetails, [], photo);
  }
});

test('detectLabels_portrait_addsAFaceLabelAndNoText', SKIP_SHARED, async () => {
  const portrait = (await detectOk(detector.url, bytesRequest(sharedImage('person_portrait_grace_hopper.jpg'), { MinConfidence: 30 }))).Labels;
  assert.ok(find(portrait, 'Face') && find(portrait, 'Person'), JSON.stringify(portrait.map((l) => l.Name)));
  assert.deepEqual(find(portrait, 'Face').Parents, [{ Name: 'Head' }, { Name: 'Person' }]);
  assert.ok(!find(portrait, 'Text'));
});

test('detectLabels_generatedTextImage_addsATextLabelAndNoFace', async () => {
  const text = (await detectOk(detector.url, bytesRequest(await textPng(['Opening hours 9 to 5']), { MinConfidence: 30 }))).Labels;
  assert.deepEqual(find(text, 'Text')?.Categories, [{ Name: 'Text and Documents' }]);
  assert.ok(!find(text, 'Face'));
});

test('detectLabels_catPhoto_isCatWithAnimalParents', SKIP_SHARED, async () => {
  const { Labels } = await detectOk(detector.url, bytesRequest(sharedImage('cat_chelsea.png'), { MinConfidence: 30 }));
  const cat = find(Labels, 'Cat');
  assert.ok(cat, JSON.stringify(Labels.map((l) => l.Name)));
  assert.equal(Labels[0].Name, 'Cat');
  assert.ok(!find(Labels, 'Dog'), 'the letterbox should keep the cat from reading as a dog');
  const parents = cat.Parents.map((p) => p.Name);
  for (const parent of ['Animal', 'Pet', 'Mammal']) assert.ok(parents.includes(parent), parents.join());
});

test('detectLabels_dogBicycleTruckPhoto_findsEachObjectWhereItIs', SKIP_SHARED, async () => {
  const { Labels } = await detectOk(detector.url, bytesRequest(sharedImage('dog_bicycle_truck.jpg'), { ...OBJECTS_ONLY, MinConfidence: 30 }));
  const names = Labels.map((l) => l.Name);
  const dog = find(Labels, 'Dog');
  const bicycle = find(Labels, 'Bicycle');
  const vehicle = find(Labels, 'Truck') ?? find(Labels, 'Car');
  assert.ok(dog && bicycle && vehicle, names.join());
  // Reference positions (YOLO's own dog.jpg annotations): the dog low on the left, the truck top right.
  const within = (box, left, top, right, bottom, tolerance = 0.06) => {
    assert.ok(Math.abs(box.Left - left) < tolerance && Math.abs(box.Top - top) < tolerance, JSON.stringify(box));
    assert.ok(Math.abs(box.Left + box.Width - right) < tolerance && Math.abs(box.Top + box.Height - bottom) < tolerance, JSON.stringify(box));
  };
  within(dog.Instances[0].BoundingBox, 0.17, 0.38, 0.4, 0.94);
  within(bicycle.Instances[0].BoundingBox, 0.16, 0.22, 0.74, 0.79);
  within(vehicle.Instances[0].BoundingBox, 0.61, 0.13, 0.89, 0.29);
});

test('detectLabels_horsesAndBeagles_reportSeveralInstancesOfOneLabel', SKIP_SHARED, async () => {
  const horses = find((await detectOk(detector.url, bytesRequest(sharedImage('horses.jpg'), { ...OBJECTS_ONLY, MinConfidence: 20 }))).Labels, 'Horse');
  assert.ok(horses && horses.Instances.length >= 3, JSON.stringify(horses));
  const dogs = find((await detectOk(detector.url, bytesRequest(sharedImage('two_beagles.jpg'), { ...OBJECTS_ONLY, MinConfidence: 30 }))).Labels, 'Dog');
  assert.ok(dogs && dogs.Instances.length === 2, JSON.stringify(dogs));
});

test('detectLabels_maxLabelsAndMinConfidence_areHonoured', SKIP_SHARED, async () => {
  const image = sharedImage('indoor_cafe_people_table.jpg');
  const all = (await detectOk(detector.url, bytesRequest(image, { MinConfidence: 10 }))).Labels;
  assert.ok(all.length >= 4, JSON.stringify(all.map((l) => l.Name)));
  const top2 = (await detectOk(detector.url, bytesRequest(image, { MinConfidence: 10, MaxLabels: 2 }))).Labels;
  assert.deepEqual(top2, all.slice(0, 2));
  const strong = (await detectOk(detector.url, bytesRequest(image, { MinConfidence: 40 }))).Labels;
  assert.ok(strong.length >= 1 && strong.length < all.length);
  assertValidLabels(strong, 40);
  // Only a label at exactly 100 passes MinConfidence 100: the faces' score (Human rounds it to two
  // digits) can be 1.0, no object's is.
  const perfect = (await detectOk(detector.url, bytesRequest(image, { MinConfidence: 100 }))).Labels;
  assert.deepEqual(perfect.filter((l) => l.Name !== 'Face'), []);
  assert.ok(perfect.every((l) => l.Confidence === 100));
  // Without MinConfidence, Rekognition's default of 55 applies.
  assertValidLabels((await detectOk(detector.url, bytesRequest(image))).Labels, 55);
});

test('detectLabels_sharedInvalidFiles_areInvalidImageFormatExceptPngNamedJpg', SKIP_SHARED, async () => {
  const dir = path.join(SHARED_IMAGES, 'invalid');
  const files = fs.readdirSync(dir).sort();
  assert.ok(files.length >= 5);
  for (const file of files) {
    const response = await detectLabels(detector.url, bytesRequest(fs.readFileSync(path.join(dir, file)), { MinConfidence: 30 }));
    if (file === 'png_bytes_named_as.jpg') {
      assert.equal(response.status, 200, response.text);
      assert.ok(find(response.json.Labels, 'Cat'));
    } else {
      assertAwsError(response, 'InvalidImageFormatException');
    }
  }
});

test('detectLabels_catOnALargerCanvas_boxLandsInTheOriginalImagesCoordinates', SKIP_SHARED, async () => {
  // The cat in the top-left quarter of a canvas twice its size: its box must stay in that quarter.
  const cat = sharedImage('cat_chelsea.png');
  const padded = await sharp(cat).extend({ right: 451, bottom: 300, background: 'white' }).png().toBuffer();
  const original = find((await detectOk(detector.url, bytesRequest(cat, { ...OBJECTS_ONLY, MinConfidence: 20 }))).Labels, 'Cat').Instances[0].BoundingBox;
  const label = find((await detectOk(detector.url, bytesRequest(padded, { ...OBJECTS_ONLY, MinConfidence: 10 }))).Labels, 'Cat');
  assert.ok(label, 'cat not found on the larger canvas');
  const box = label.Instances[0].BoundingBox;
  for (const key of ['Left', 'Top', 'Width', 'Height']) assert.ok(Math.abs(box[key] - original[key] / 2) < 0.05, `${key}: ${box[key]} vs ${original[key] / 2}`);
});

test('detectLabels_exifRotatedJpeg_boxesFollowTheDisplayedOrientation', SKIP_SHARED, async () => {
  // Pixels stored rotated a quarter turn, with EXIF orientation 6 saying how to show them upright.
  const cat = sharedImage('cat_chelsea.png');
  const stored = await sharp(cat).rotate(270).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer();
  const upright = find((await detectOk(detector.url, bytesRequest(await sharp(cat).jpeg({ quality: 95 }).toBuffer(), { ...OBJECTS_ONLY, MinConfidence: 20 }))).Labels, 'Cat');
  const rotated = find((await detectOk(detector.url, bytesRequest(stored, { ...OBJECTS_ONLY, MinConfidence: 20 }))).Labels, 'Cat');
  assert.ok(upright && rotated);
  const [a, b] = [upright.Instances[0].BoundingBox, rotated.Instances[0].BoundingBox];
  for (const key of ['Left', 'Top', 'Width', 'Height']) assert.ok(Math.abs(a[key] - b[key]) < 0.03, `${key}: ${a[key]} vs ${b[key]}`);
});

// DetectFaces, DetectText and DetectModerationLabels on the real models.

test('detectText_generatedTextImage_readsEachLineWithItsWordsAndBoxes', async () => {
  const png = await textPng(['Hello offline world', 'Labels LIVE 2026']);
  const { TextDetections, TextModelVersion } = await operationOk('DetectText', bytesRequest(png));
  assert.match(TextModelVersion, /^tesseract\.js-7\.0\.0-eng-/);
  const lines = TextDetections.filter((t) => t.Type === 'LINE');
  assert.deepEqual(lines.map((l) => l.DetectedText), ['Hello offline world', 'Labels LIVE 2026']);
  for (const line of lines) {
    assert.ok(line.Confidence >= 80 && line.Confidence <= 100, String(line.Confidence));
    assertRatioBox(line.Geometry.BoundingBox);
    assert.equal(line.Geometry.Polygon.length, 4);
  }
  assert.ok(lines[0].Geometry.BoundingBox.Top < lines[1].Geometry.BoundingBox.Top, 'lines are in reading order');
  const words = TextDetections.filter((t) => t.Type === 'WORD');
  assert.deepEqual(words.filter((w) => w.ParentId === lines[1].Id).map((w) => w.DetectedText), ['Labels', 'LIVE', '2026']);
});

test('detectText_imageWithoutText_isEmpty', async () => {
  assert.deepEqual((await operationOk('DetectText', bytesRequest(await noiseJpeg(320, 240)))).TextDetections, []);
});

test('detectFaces_generatedImageAndS3Object_workWithoutFaces', async () => {
  assert.deepEqual((await operationOk('DetectFaces', bytesRequest(await solidPng(200, 200, [200, 180, 160]), { Attributes: ['ALL'] }))).FaceDetails, []);
  s3.put(`/${BUCKET}/faces/solid.png`, await solidPng(64, 64, [10, 20, 30]));
  assert.deepEqual((await operationOk('DetectFaces', { Image: { S3Object: { Bucket: BUCKET, Name: 'faces/solid.png' } } })).FaceDetails, []);
});

test('detectModerationLabels_minConfidenceZero_givesBothLevelsWithParents', async () => {
  const { ModerationLabels } = await operationOk('DetectModerationLabels', bytesRequest(await noiseJpeg(224, 224), { MinConfidence: 0 }));
  assert.equal(ModerationLabels.length, 4, JSON.stringify(ModerationLabels));
  for (const label of ModerationLabels) {
    assert.ok(label.Confidence >= 0 && label.Confidence <= 100);
    if (label.TaxonomyLevel === 1) assert.equal(label.ParentName, '');
    else assert.ok(ModerationLabels.some((l) => l.TaxonomyLevel === 1 && l.Name === label.ParentName));
  }
});

test('detectOperations_invalidImages_areInvalidImageFormat', async () => {
  const jpeg = await noiseJpeg(128, 128);
  for (const operation of ['DetectFaces', 'DetectText', 'DetectModerationLabels']) {
    assertAwsError(await callOperation(operation, bytesRequest(jpeg.subarray(0, jpeg.length / 2))), 'InvalidImageFormatException');
  }
});

test('detectLabels_darkAndBlurredImages_scoreLowOnQuality', async () => {
  const properties = async (bytes) => (await detectOk(detector.url, bytesRequest(bytes, { Features: ['IMAGE_PROPERTIES'] }))).ImageProperties.Quality;
  const sharpText = await textPng(['Sharp edges here'], { width: 600 });
  const dark = await sharp(sharpText).linear(0.08, 0).png().toBuffer();
  const blurred = await sharp(sharpText).blur(6).png().toBuffer();
  const [normal, darkQ, blurQ] = [await properties(sharpText), await properties(dark), await properties(blurred)];
  assert.ok(darkQ.Brightness < 10 && normal.Brightness > 80, `${darkQ.Brightness} vs ${normal.Brightness}`);
  assert.ok(blurQ.Sharpness < normal.Sharpness / 2, `${blurQ.Sharpness} vs ${normal.Sharpness}`);
  // Dark is not unreadable: the text is still found.
  const darkText = (await operationOk('DetectText', bytesRequest(dark))).TextDetections.filter((t) => t.Type === 'LINE');
  assert.deepEqual(darkText.map((t) => t.DetectedText), ['Sharp edges here']);
});

test('everyOperation_realResponses_conformToBotocoresRekognitionModel', { skip: HAVE_MODEL ? false : `botocore model not found at ${MODEL_PATH}` }, async () => {
  const model = loadModel();
  const portrait = HAVE_SHARED ? sharedImage('person_portrait_grace_hopper.jpg') : await textPng(['No face here']);
  const text = await textPng(['Contract check 42']);
  const responses = {
    DetectLabels: await detectOk(detector.url, bytesRequest(portrait, { MinConfidence: 0, Features: ['GENERAL_LABELS', 'IMAGE_PROPERTIES'] })),
    DetectFaces: await operationOk('DetectFaces', bytesRequest(portrait, { Attributes: ['ALL'] })),
    DetectText: await operationOk('DetectText', bytesRequest(text)),
    DetectModerationLabels: await operationOk('DetectModerationLabels', bytesRequest(portrait, { MinConfidence: 0 })),
  };
  for (const [operation, response] of Object.entries(responses)) {
    assert.deepEqual(shapeProblems(model, model.operations[operation].output.shape, response), [], operation);
  }
  assert.ok(responses.DetectModerationLabels.ModerationLabels.length > 0 && responses.DetectText.TextDetections.length > 0);
  if (HAVE_SHARED) assert.ok(responses.DetectFaces.FaceDetails[0].Landmarks.length > 0 && responses.DetectFaces.FaceDetails[0].Emotions.length > 0);
  // And the error body every operation answers with.
  const error = await callOperation('DetectText', bytesRequest(Buffer.from('not an image')));
  assert.ok(model.operations.DetectText.errors.some((e) => e.shape === error.json.__type), error.json.__type);
});
