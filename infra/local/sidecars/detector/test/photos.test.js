'use strict';

// End to end: what the real detector's models find, on the shared test photos and on generated images: labels
// with their boxes, faces, text, moderation labels and image quality.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const sharp = require('sharp');
const { SHARED_IMAGES, bytesRequest, detectLabels, sharedImage } = require('../test-support/harness');
const { BUCKET, OBJECTS_ONLY, SKIP_SHARED, solidPng, noiseJpeg, assertValidLabels, find, detectOk, assertAwsError, textPng, assertRatioBox, useDetectorSession } = require('../test-support/detector-session');

const session = useDetectorSession();

test('detectFaces_portrait_oneFaceWithAgeRangeEmotionsLandmarksAndNoGender', SKIP_SHARED, async () => {
  const { FaceDetails } = await session.operationOk('DetectFaces', bytesRequest(sharedImage('person_portrait_grace_hopper.jpg'), { Attributes: ['ALL'] }));
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
  const { FaceDetails } = await session.operationOk('DetectFaces', bytesRequest(sharedImage('person_portrait_grace_hopper.jpg')));
  assert.deepEqual(Object.keys(FaceDetails[0]).sort(), ['BoundingBox', 'Confidence', 'Landmarks', 'Pose', 'Quality']);
});

test('detectFaces_photosWithoutFaces_areEmpty', SKIP_SHARED, async () => {
  for (const photo of ['cat_chelsea.png', 'food_burger.jpg', 'horses.jpg']) {
    assert.deepEqual((await session.operationOk('DetectFaces', bytesRequest(sharedImage(photo)))).FaceDetails, [], photo);
  }
});

test('detectLabels_portrait_addsAFaceLabelAndNoText', SKIP_SHARED, async () => {
  const portrait = (await detectOk(session.detector.url, bytesRequest(sharedImage('person_portrait_grace_hopper.jpg'), { MinConfidence: 30 }))).Labels;
  assert.ok(find(portrait, 'Face') && find(portrait, 'Person'), JSON.stringify(portrait.map((l) => l.Name)));
  assert.deepEqual(find(portrait, 'Face').Parents, [{ Name: 'Head' }, { Name: 'Person' }]);
  assert.ok(!find(portrait, 'Text'));
});

test('detectLabels_generatedTextImage_addsATextLabelAndNoFace', async () => {
  const text = (await detectOk(session.detector.url, bytesRequest(await textPng(['Opening hours 9 to 5']), { MinConfidence: 30 }))).Labels;
  assert.deepEqual(find(text, 'Text')?.Categories, [{ Name: 'Text and Documents' }]);
  assert.ok(!find(text, 'Face'));
});

test('detectLabels_catPhoto_isCatWithAnimalParents', SKIP_SHARED, async () => {
  const { Labels } = await detectOk(session.detector.url, bytesRequest(sharedImage('cat_chelsea.png'), { MinConfidence: 30 }));
  const cat = find(Labels, 'Cat');
  assert.ok(cat, JSON.stringify(Labels.map((l) => l.Name)));
  assert.equal(Labels[0].Name, 'Cat');
  assert.ok(!find(Labels, 'Dog'), 'the letterbox should keep the cat from reading as a dog');
  const parents = cat.Parents.map((p) => p.Name);
  for (const parent of ['Animal', 'Pet', 'Mammal']) assert.ok(parents.includes(parent), parents.join());
});

test('detectLabels_dogBicycleTruckPhoto_findsEachObjectWhereItIs', SKIP_SHARED, async () => {
  const { Labels } = await detectOk(session.detector.url, bytesRequest(sharedImage('dog_bicycle_truck.jpg'), { ...OBJECTS_ONLY, MinConfidence: 30 }));
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
  const horses = find((await detectOk(session.detector.url, bytesRequest(sharedImage('horses.jpg'), { ...OBJECTS_ONLY, MinConfidence: 20 }))).Labels, 'Horse');
  assert.ok(horses && horses.Instances.length >= 3, JSON.stringify(horses));
  const dogs = find((await detectOk(session.detector.url, bytesRequest(sharedImage('two_beagles.jpg'), { ...OBJECTS_ONLY, MinConfidence: 30 }))).Labels, 'Dog');
  assert.ok(dogs && dogs.Instances.length === 2, JSON.stringify(dogs));
});

test('detectLabels_maxLabelsAndMinConfidence_areHonoured', SKIP_SHARED, async () => {
  const image = sharedImage('indoor_cafe_people_table.jpg');
  const all = (await detectOk(session.detector.url, bytesRequest(image, { MinConfidence: 10 }))).Labels;
  assert.ok(all.length >= 4, JSON.stringify(all.map((l) => l.Name)));
  const top2 = (await detectOk(session.detector.url, bytesRequest(image, { MinConfidence: 10, MaxLabels: 2 }))).Labels;
  assert.deepEqual(top2, all.slice(0, 2));
  const strong = (await detectOk(session.detector.url, bytesRequest(image, { MinConfidence: 40 }))).Labels;
  assert.ok(strong.length >= 1 && strong.length < all.length);
  assertValidLabels(strong, 40);
  // Only a label at exactly 100 passes MinConfidence 100: the faces' score (Human rounds it to two
  // digits) can be 1.0, no object's is.
  const perfect = (await detectOk(session.detector.url, bytesRequest(image, { MinConfidence: 100 }))).Labels;
  assert.deepEqual(perfect.filter((l) => l.Name !== 'Face'), []);
  assert.ok(perfect.every((l) => l.Confidence === 100));
  // Without MinConfidence, Rekognition's default of 55 applies.
  assertValidLabels((await detectOk(session.detector.url, bytesRequest(image))).Labels, 55);
});

test('detectLabels_sharedInvalidFiles_areInvalidImageFormatExceptPngNamedJpg', SKIP_SHARED, async () => {
  const dir = path.join(SHARED_IMAGES, 'invalid');
  const files = fs.readdirSync(dir).sort();
  assert.ok(files.length >= 5);
  for (const file of files) {
    const response = await detectLabels(session.detector.url, bytesRequest(fs.readFileSync(path.join(dir, file)), { MinConfidence: 30 }));
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
  const original = find((await detectOk(session.detector.url, bytesRequest(cat, { ...OBJECTS_ONLY, MinConfidence: 20 }))).Labels, 'Cat').Instances[0].BoundingBox;
  const label = find((await detectOk(session.detector.url, bytesRequest(padded, { ...OBJECTS_ONLY, MinConfidence: 10 }))).Labels, 'Cat');
  assert.ok(label, 'cat not found on the larger canvas');
  const box = label.Instances[0].BoundingBox;
  for (const key of ['Left', 'Top', 'Width', 'Height']) assert.ok(Math.abs(box[key] - original[key] / 2) < 0.05, `${key}: ${box[key]} vs ${original[key] / 2}`);
});

test('detectLabels_exifRotatedJpeg_boxesFollowTheDisplayedOrientation', SKIP_SHARED, async () => {
  // Pixels stored rotated a quarter turn, with EXIF orientation 6 saying how to show them upright.
  const cat = sharedImage('cat_chelsea.png');
  const stored = await sharp(cat).rotate(270).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer();
  const upright = find((await detectOk(session.detector.url, bytesRequest(await sharp(cat).jpeg({ quality: 95 }).toBuffer(), { ...OBJECTS_ONLY, MinConfidence: 20 }))).Labels, 'Cat');
  const rotated = find((await detectOk(session.detector.url, bytesRequest(stored, { ...OBJECTS_ONLY, MinConfidence: 20 }))).Labels, 'Cat');
  assert.ok(upright && rotated);
  const [a, b] = [upright.Instances[0].BoundingBox, rotated.Instances[0].BoundingBox];
  for (const key of ['Left', 'Top', 'Width', 'Height']) assert.ok(Math.abs(a[key] - b[key]) < 0.03, `${key}: ${a[key]} vs ${b[key]}`);
});

// DetectFaces, DetectText and DetectModerationLabels on the real models.

test('detectText_generatedTextImage_readsEachLineWithItsWordsAndBoxes', async () => {
  const png = await textPng(['Hello offline world', 'Labels LIVE 2026']);
  const { TextDetections, TextModelVersion } = await session.operationOk('DetectText', bytesRequest(png));
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
  assert.deepEqual((await session.operationOk('DetectText', bytesRequest(await noiseJpeg(320, 240)))).TextDetections, []);
});

test('detectFaces_generatedImageAndS3Object_workWithoutFaces', async () => {
  assert.deepEqual((await session.operationOk('DetectFaces', bytesRequest(await solidPng(200, 200, [200, 180, 160]), { Attributes: ['ALL'] }))).FaceDetails, []);
  session.s3.put(`/${BUCKET}/faces/solid.png`, await solidPng(96, 96, [10, 20, 30]));
  assert.deepEqual((await session.operationOk('DetectFaces', { Image: { S3Object: { Bucket: BUCKET, Name: 'faces/solid.png' } } })).FaceDetails, []);
});

test('detectModerationLabels_minConfidenceZero_givesBothLevelsWithParents', async () => {
  const { ModerationLabels } = await session.operationOk('DetectModerationLabels', bytesRequest(await noiseJpeg(224, 224), { MinConfidence: 0 }));
  assert.equal(ModerationLabels.length, 4, JSON.stringify(ModerationLabels));
  for (const label of ModerationLabels) {
    assert.ok(label.Confidence >= 0 && label.Confidence <= 100);
    if (label.TaxonomyLevel === 1) assert.equal(label.ParentName, '');
    else assert.ok(ModerationLabels.some((l) => l.TaxonomyLevel === 1 && l.Name === label.ParentName));
  }
});

test('detectLabels_darkAndBlurredImages_scoreLowOnQuality', async () => {
  const properties = async (bytes) => (await detectOk(session.detector.url, bytesRequest(bytes, { Features: ['IMAGE_PROPERTIES'] }))).ImageProperties.Quality;
  const sharpText = await textPng(['Sharp edges here'], { width: 600 });
  const dark = await sharp(sharpText).linear(0.08, 0).png().toBuffer();
  const blurred = await sharp(sharpText).blur(6).png().toBuffer();
  const [normal, darkQ, blurQ] = [await properties(sharpText), await properties(dark), await properties(blurred)];
  assert.ok(darkQ.Brightness < 10 && normal.Brightness > 80, `${darkQ.Brightness} vs ${normal.Brightness}`);
  assert.ok(blurQ.Sharpness < normal.Sharpness / 2, `${blurQ.Sharpness} vs ${normal.Sharpness}`);
  // Dark is not unreadable: the text is still found.
  const darkText = (await session.operationOk('DetectText', bytesRequest(dark))).TextDetections.filter((t) => t.Type === 'LINE');
  assert.deepEqual(darkText.map((t) => t.DetectedText), ['Sharp edges here']);
});
