'use strict';

// The mappings from the local models' outputs onto Rekognition's shapes: faces, text, moderation,
// the "Face"/"Text" labels, and the sharing of one analysis between operations.

const test = require('node:test');
const assert = require('node:assert/strict');
const { toFaceDetails, selectFaceAttributes, EMOTION_TYPES, LANDMARK_POINTS, AGE_HALF_RANGE } = require('../face-details');
const { toTextDetections, MIN_TEXT_CONFIDENCE } = require('../text-detections');
const { toModerationLabels, NSFW_TO_MODERATION } = require('../moderation-taxonomy');
const { analysisLabel, ANALYSIS_LABELS } = require('../coco-labels');
const { buildLabels } = require('../labels');
const { SharedAnalyses } = require('../shared-analyses');

// The EmotionName and LandmarkType enums of botocore's rekognition/2016-06-27 model.
const REKOGNITION_EMOTIONS = ['HAPPY', 'SAD', 'ANGRY', 'CONFUSED', 'DISGUSTED', 'SURPRISED', 'CALM', 'UNKNOWN', 'FEAR'];
const REKOGNITION_LANDMARKS = ['eyeLeft', 'eyeRight', 'nose', 'mouthLeft', 'mouthRight', 'leftEyeBrowLeft', 'leftEyeBrowRight', 'leftEyeBrowUp', 'rightEyeBrowLeft', 'rightEyeBrowRight', 'rightEyeBrowUp', 'leftEyeLeft', 'leftEyeRight', 'leftEyeUp', 'leftEyeDown', 'rightEyeLeft', 'rightEyeRight', 'rightEyeUp', 'rightEyeDown', 'noseLeft', 'noseRight', 'mouthUp', 'mouthDown', 'leftPupil', 'rightPupil', 'upperJawlineLeft', 'midJawlineLeft', 'chinBottom', 'midJawlineRight', 'upperJawlineRight'];

function rawFace(overrides = {}) {
  const meshRaw = Array.from({ length: 468 }, (_, i) => [0.3 + (i % 10) / 100, 0.2 + Math.floor(i / 10) / 1000]);
  return {
    score: 0.87,
    boxRaw: [0.25, 0.1, 0.5, 0.6],
    age: 41.6,
    emotion: [
      { score: 0.6, emotion: 'happy' },
      { score: 0.3, emotion: 'neutral' },
      { score: 0.1, emotion: 'surprise' },
    ],
    meshRaw,
    angle: { roll: Math.PI / 18, yaw: -Math.PI / 6, pitch: 0 },
    ...overrides,
  };
}

test('emotionTypes_everyHumanEmotion_mapsOntoARekognitionEmotionName', () => {
  assert.deepEqual(Object.keys(EMOTION_TYPES).sort(), ['angry', 'disgust', 'fear', 'happy', 'neutral', 'sad', 'surprise']);
  for (const type of Object.values(EMOTION_TYPES)) assert.ok(REKOGNITION_EMOTIONS.includes(type), type);
  assert.equal(EMOTION_TYPES.neutral, 'CALM');
});

test('landmarkPoints_typesAreRekognitionsAndIndicesInTheMesh', () => {
  for (const [type, indices] of Object.entries(LANDMARK_POINTS)) {
    assert.ok(REKOGNITION_LANDMARKS.includes(type), type);
    for (const i of indices) assert.ok(Number.isInteger(i) && i >= 0 && i < 468);
  }
  assert.ok(!('leftPupil' in LANDMARK_POINTS), 'pupils need the iris model, which is not run');
});

test('toFaceDetails_rawFace_givesRekognitionFieldsAndNothingInvented', () => {
  const rgb = Buffer.alloc(100 * 80 * 3, 40);
  const [detail] = toFaceDetails([rawFace()], new Set(['ALL']), { rgb, width: 100, height: 80 });
  assert.deepEqual(Object.keys(detail).sort(), ['AgeRange', 'BoundingBox', 'Confidence', 'Emotions', 'Landmarks', 'Pose', 'Quality']);
  assert.deepEqual(detail.BoundingBox, { Width: 0.5, Height: 0.6, Left: 0.25, Top: 0.1 });
  assert.equal(detail.Confidence, 87);
  assert.deepEqual(detail.AgeRange, { Low: Math.floor(41.6 - AGE_HALF_RANGE), High: Math.ceil(41.6 + AGE_HALF_RANGE) });
  assert.deepEqual(detail.Emotions, [
    { Type: 'HAPPY', Confidence: 60 },
    { Type: 'CALM', Confidence: 30 },
    { Type: 'SURPRISED', Confidence: 10 },
  ]);
  assert.deepEqual(detail.Pose, { Roll: 10, Yaw: -30, Pitch: 0 });
  assert.equal(detail.Landmarks.length, Object.keys(LANDMARK_POINTS).length);
  assert.equal(detail.Quality.Brightness, Math.round((40 / 255) * 10000) / 100);
  assert.equal(detail.Quality.Sharpness, 0, 'a flat crop has no edges');
  for (const absent of ['Gender', 'Smile', 'Eyeglasses', 'Sunglasses', 'Beard', 'Mustache', 'EyesOpen', 'MouthOpen', 'FaceOccluded', 'EyeDirection']) {
    assert.ok(!(absent in detail), `${absent} has no local model`);
  }
});

test('toFaceDetails_faceWithoutMeshOrAge_leavesThoseFieldsOut', () => {
  const [detail] = toFaceDetails([rawFace({ meshRaw: undefined, angle: undefined, age: undefined, emotion: [] })], new Set(['ALL']));
  assert.deepEqual(Object.keys(detail).sort(), ['BoundingBox', 'Confidence']);
});

test('toFaceDetails_boxesLeavingTheImage_areClippedAndSortedByConfidence', () => {
  const details = toFaceDetails([rawFace({ score: 0.5, boxRaw: [-0.1, 0.9, 0.3, 0.3] }), rawFace({ score: 0.9 })], new Set(['DEFAULT']));
  assert.deepEqual(details.map((d) => d.Confidence), [90, 50]);
  const clipped = details[1].BoundingBox;
  assert.equal(clipped.Left, 0);
  assert.ok(Math.abs(clipped.Width - 0.2) < 1e-9 && Math.abs(clipped.Height - 0.1) < 1e-9, JSON.stringify(clipped));
});

test('selectFaceAttributes_defaultAllOrNamed_keepWhatWasAskedFor', () => {
  const [full] = toFaceDetails([rawFace()], new Set(['ALL']));
  const keys = (attributes) => Object.keys(selectFaceAttributes([full], new Set(attributes))[0]).sort();
  assert.deepEqual(keys(['DEFAULT']), ['BoundingBox', 'Confidence', 'Landmarks', 'Pose']);
  assert.deepEqual(keys(['ALL']), ['AgeRange', 'BoundingBox', 'Confidence', 'Emotions', 'Landmarks', 'Pose']);
  assert.deepEqual(keys(['EMOTIONS']), ['BoundingBox', 'Confidence', 'Emotions', 'Landmarks', 'Pose']);
  assert.deepEqual(keys(['AGE_RANGE', 'GENDER']), ['AgeRange', 'BoundingBox', 'Confidence', 'Landmarks', 'Pose']);
});

const box = (x0, y0, x1, y1) => ({ x0, y0, x1, y1 });
const word = (text, confidence, b) => ({ text, confidence, bbox: b });

test('toTextDetections_linesThenWords_withIdsParentIdsAndRatioGeometry', () => {
  const lines = [
    { text: 'Hello world\n', confidence: 95, bbox: box(10, 20, 210, 60), words: [word('Hello', 96, box(10, 20, 100, 60)), word('world', 94, box(120, 20, 210, 60))] },
    { text: 'Second\n', confidence: 90, bbox: box(10, 100, 110, 140), words: [word('Second', 90, box(10, 100, 110, 140))] },
  ];
  const detections = toTextDetections(lines, 400, 200);
  assert.deepEqual(
    detections.map((d) => [d.Type, d.Id, d.ParentId, d.DetectedText]),
    [
      ['LINE', 0, undefined, 'Hello world'],
      ['LINE', 1, undefined, 'Second'],
      ['WORD', 2, 0, 'Hello'],
      ['WORD', 3, 0, 'world'],
      ['WORD', 4, 1, 'Second'],
    ],
  );
  assert.ok(!('ParentId' in detections[0]), 'a LINE has no ParentId');
  assert.deepEqual(detections[0].Geometry.BoundingBox, { Width: 0.5, Height: 0.2, Left: 0.025, Top: 0.1 });
  assert.deepEqual(detections[0].Geometry.Polygon, [
    { X: 0.025, Y: 0.1 },
    { X: 0.525, Y: 0.1 },
    { X: 0.525, Y: 0.3 },
    { X: 0.025, Y: 0.3 },
  ]);
  assert.equal(detections[0].Confidence, 95);
});

test('toTextDetections_lowConfidenceAndSymbolOnlyNoise_isDropped', () => {
  const below = MIN_TEXT_CONFIDENCE - 1;
  const lines = [
    { text: 'ghost\n', confidence: below, bbox: box(0, 0, 10, 10), words: [word('ghost', below, box(0, 0, 10, 10))] },
    { text: '—— |\n', confidence: 92, bbox: box(0, 20, 10, 30), words: [word('——', 92, box(0, 20, 5, 30)), word('|', 92, box(6, 20, 10, 30))] },
    { text: 'real x~\n', confidence: 80, bbox: box(0, 40, 10, 50), words: [word('real', 91, box(0, 40, 5, 50)), word('x~', 20, box(6, 40, 10, 50))] },
  ];
  const detections = toTextDetections(lines, 10, 60);
  assert.deepEqual(detections.map((d) => `${d.Type}:${d.DetectedText}`), ['LINE:real', 'WORD:real']);
});

test('toTextDetections_wordFilterAndRegions_areApplied', () => {
  const lines = [
    { text: 'big small\n', confidence: 90, bbox: box(0, 0, 100, 50), words: [word('big', 90, box(0, 0, 40, 50)), word('small', 70, box(60, 40, 100, 50))] },
    { text: 'elsewhere\n', confidence: 90, bbox: box(0, 80, 100, 100), words: [word('elsewhere', 90, box(0, 80, 100, 100))] },
  ];
  assert.deepEqual(
    toTextDetections(lines, 100, 100, { minConfidence: 80 }).map((d) => d.DetectedText),
    ['big', 'elsewhere', 'big', 'elsewhere'],
  );
  assert.deepEqual(
    toTextDetections(lines, 100, 100, { minHeight: 0.3 }).map((d) => d.DetectedText),
    ['big', 'big'],
  );
  assert.deepEqual(
    toTextDetections(lines, 100, 100, { regions: [{ Left: 0, Top: 0.7, Width: 1, Height: 0.3 }] }).map((d) => d.DetectedText),
    ['elsewhere', 'elsewhere'],
  );
});

test('moderationTaxonomy_namesAreRekognitionsVersion7TopAndSecondLevels', () => {
  const topLevels = ['Explicit', 'Non-Explicit Nudity of Intimate parts and Kissing', 'Swimwear or Underwear', 'Violence', 'Visually Disturbing', 'Drugs & Tobacco', 'Alcohol', 'Rude Gestures', 'Gambling', 'Hate Symbols'];
  for (const [top, second] of Object.values(NSFW_TO_MODERATION)) {
    assert.ok(topLevels.includes(top), top);
    assert.ok(['Explicit Nudity', 'Non-Explicit Nudity'].includes(second), second);
  }
  assert.deepEqual(Object.keys(NSFW_TO_MODERATION).sort(), ['Hentai', 'Porn', 'Sexy'], 'Neutral and Drawing are safe');
});

test('toModerationLabels_explicitClasses_sumIntoTheirLevelsWithParents', () => {
  const labels = toModerationLabels({ Porn: 0.55, Hentai: 0.2, Sexy: 0.15, Neutral: 0.05, Drawing: 0.05 }, 10);
  assert.deepEqual(labels, [
    { Confidence: 75, Name: 'Explicit', ParentName: '', TaxonomyLevel: 1 },
    { Confidence: 75, Name: 'Explicit Nudity', ParentName: 'Explicit', TaxonomyLevel: 2 },
    { Confidence: 15, Name: 'Non-Explicit Nudity of Intimate parts and Kissing', ParentName: '', TaxonomyLevel: 1 },
    { Confidence: 15, Name: 'Non-Explicit Nudity', ParentName: 'Non-Explicit Nudity of Intimate parts and Kissing', TaxonomyLevel: 2 },
  ]);
});

test('toModerationLabels_minConfidence_defaultsTo50AndIsHonoured', () => {
  const safe = { Neutral: 0.7, Drawing: 0.1, Sexy: 0.12, Porn: 0.05, Hentai: 0.03 };
  assert.deepEqual(toModerationLabels(safe), []);
  assert.deepEqual(toModerationLabels(safe, 10).map((l) => l.Name), ['Non-Explicit Nudity of Intimate parts and Kissing', 'Non-Explicit Nudity']);
  assert.deepEqual(toModerationLabels({ Sexy: 0.5, Neutral: 0.5 }).map((l) => l.Confidence), [50, 50]);
});

test('analysisLabel_faceAndText_carryRekognitionsParentsAndCategories', () => {
  assert.deepEqual(analysisLabel('Face', 97.123456), {
    Name: 'Face',
    Confidence: 97.1235,
    Parents: [{ Name: 'Head' }, { Name: 'Person' }],
    Aliases: [],
    Categories: [{ Name: 'Person Description' }],
  });
  assert.deepEqual(ANALYSIS_LABELS.Text.categories, ['Text and Documents']);
});

test('buildLabels_extraLabels_joinWithoutInstancesAndObeyMinConfidenceAndFilters', () => {
  const detections = [{ label: 'person', score: 0.7, box: { Width: 0.5, Height: 0.5, Left: 0, Top: 0 } }];
  const extra = [analysisLabel('Face', 99), analysisLabel('Text', 40)];
  const labels = buildLabels(detections, { minConfidence: 50, extra });
  assert.deepEqual(labels.map((l) => [l.Name, l.Instances.length]), [['Face', 0], ['Person', 1]]);
  const filtered = buildLabels(detections, { minConfidence: 0, extra, generalLabels: { LabelCategoryExclusionFilters: ['Text and Documents'] } });
  assert.deepEqual(filtered.map((l) => l.Name), ['Face', 'Person']);
});

test('sharedAnalyses_sameBytesAndAnalysis_runOnceWhileFresh', async () => {
  let now = 0;
  const runs = [];
  const shared = new SharedAnalyses(async (payload) => {
    runs.push(payload);
    return { n: runs.length };
  }, { keepMs: 1000, now: () => now });
  const bytes = Buffer.from('one photo');
  const [a, b] = await Promise.all([shared.get(bytes, 'faces'), shared.get(Buffer.from('one photo'), 'faces')]);
  assert.equal(a, b);
  assert.equal(runs.length, 1);
  assert.deepEqual(Object.keys(runs[0]).sort(), ['bytes', 'faces']);
  await shared.get(bytes, 'text');
  assert.equal(runs.length, 2, 'another analysis is another job');
  now = 1001;
  await shared.get(bytes, 'faces');
  assert.equal(runs.length, 3, 'an expired result is computed again');
});

test('sharedAnalyses_moreRunningThanMaxEntries_aLaterCallStillJoinsTheRunningOne', async () => {
  const runs = [];
  const finish = [];
  const shared = new SharedAnalyses((payload) => {
    runs.push(payload);
    return new Promise((resolve) => finish.push(() => resolve({ n: runs.length })));
  }, { maxEntries: 2 });
  // A burst: three uploads' face analyses queued at once, more than the two entries kept.
  const first = shared.get(Buffer.from('photo 1'), 'faces');
  shared.get(Buffer.from('photo 2'), 'faces');
  shared.get(Buffer.from('photo 3'), 'faces');
  // The first upload's DetectFaces arrives after the burst: it joins the analysis still queued.
  const joined = shared.get(Buffer.from('photo 1'), 'faces');
  assert.equal(runs.length, 3);
  for (const done of finish) done();
  assert.equal(await joined, await first);
  // Finished ones are what goes over the limit.
  shared.get(Buffer.from('photo 4'), 'faces');
  assert.equal(runs.length, 4);
  assert.equal(shared.entries.size, 2, 'finished entries were dropped to make room');
});

test('sharedAnalyses_burstOfFinishedAnalyses_aRetriedCallStillShares', async () => {
  // A burst of uploads fills the worker pool's queue (256 on the local host); a DetectFaces refused then comes
  // back after its backoff, when hundreds of other analyses have finished. It must still find its upload's
  // analysis, which DetectLabels ran, instead of running the face model again.
  let runs = 0;
  const shared = new SharedAnalyses(async () => ({ n: ++runs }));
  const first = await shared.get(Buffer.from('photo 0'), 'faces');
  for (let i = 1; i <= 600; i += 1) await shared.get(Buffer.from(`photo ${i}`), 'faces');
  assert.equal(runs, 601);
  assert.equal(await shared.get(Buffer.from('photo 0'), 'faces'), first);
  assert.equal(runs, 601, 'the retried call joined the finished analysis');
});

test('sharedAnalyses_failedJob_isNotKeptForTheNextCaller', async () => {
  let calls = 0;
  const shared = new SharedAnalyses(async () => {
    calls += 1;
    if (calls === 1) throw new Error('worker died');
    return { ok: true };
  });
  await assert.rejects(shared.get(Buffer.from('x'), 'text'), /worker died/);
  assert.deepEqual(await shared.get(Buffer.from('x'), 'text'), { ok: true });
  assert.equal(calls, 2);
});
