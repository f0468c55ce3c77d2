'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { buildLabels } = require('../labels');

const box = (left = 0.1) => ({ Width: 0.2, Height: 0.3, Left: left, Top: 0.4 });

test('buildLabels_severalInstancesOfOneClass_aggregatesIntoOneLabelWithMaxConfidence', () => {
  const labels = buildLabels(
    [
      { label: 'dog', score: 0.62, box: box(0.1) },
      { label: 'cat', score: 0.7, box: box(0.5) },
      { label: 'dog', score: 0.9, box: box(0.3) },
    ],
    { minConfidence: 0 },
  );
  assert.deepEqual(labels.map((l) => l.Name), ['Dog', 'Cat']);
  const dog = labels[0];
  assert.equal(dog.Confidence, 90);
  assert.deepEqual(dog.Instances.map((i) => i.Confidence), [90, 62]);
  assert.deepEqual(dog.Instances[0].BoundingBox, box(0.3));
  assert.deepEqual(dog.Parents.map((p) => p.Name).sort(), ['Animal', 'Canine', 'Mammal', 'Pet']);
  assert.deepEqual(dog.Categories, [{ Name: 'Animals and Pets' }]);
  assert.deepEqual(dog.Aliases, []);
});

test('buildLabels_responseShape_hasExactlyRekognitionLabelMembers', () => {
  const [label] = buildLabels([{ label: 'cell phone', score: 0.8, box: box() }]);
  assert.deepEqual(Object.keys(label), ['Name', 'Confidence', 'Instances', 'Parents', 'Aliases', 'Categories']);
  assert.deepEqual(Object.keys(label.Instances[0]), ['BoundingBox', 'Confidence']);
  assert.deepEqual(Object.keys(label.Instances[0].BoundingBox), ['Width', 'Height', 'Left', 'Top']);
  assert.equal(label.Name, 'Mobile Phone');
  assert.deepEqual(label.Aliases, [{ Name: 'Cell Phone' }]);
});

test('buildLabels_noMinConfidence_appliesRekognitionDefaultOf55', () => {
  const labels = buildLabels([
    { label: 'horse', score: 0.56, box: box() },
    { label: 'person', score: 0.54, box: box() },
  ]);
  assert.deepEqual(labels.map((l) => l.Name), ['Horse']);
});

test('buildLabels_minConfidence_dropsWeakInstancesAndLabels', () => {
  const labels = buildLabels(
    [
      { label: 'horse', score: 0.76, box: box() },
      { label: 'horse', score: 0.25, box: box() },
      { label: 'cow', score: 0.29, box: box() },
    ],
    { minConfidence: 30 },
  );
  assert.equal(labels.length, 1);
  assert.equal(labels[0].Instances.length, 1);
});

test('buildLabels_maxLabels_keepsTheMostConfidentLabels', () => {
  const detections = ['cat', 'dog', 'car', 'bus'].map((label, i) => ({ label, score: 0.9 - i * 0.1, box: box() }));
  assert.deepEqual(buildLabels(detections, { minConfidence: 0, maxLabels: 2 }).map((l) => l.Name), ['Cat', 'Dog']);
  assert.deepEqual(buildLabels(detections, { minConfidence: 0, maxLabels: 0 }), []);
});

test('buildLabels_equalConfidence_sortsByNameForStableOutput', () => {
  const labels = buildLabels(
    [
      { label: 'zebra', score: 0.5, box: box() },
      { label: 'apple', score: 0.5, box: box() },
    ],
    { minConfidence: 0 },
  );
  assert.deepEqual(labels.map((l) => l.Name), ['Apple', 'Zebra']);
});

test('buildLabels_detectionWithoutBox_isIgnored', () => {
  assert.deepEqual(buildLabels([{ label: 'cat', score: 0.9, box: null }], { minConfidence: 0 }), []);
});

test('buildLabels_truncatedModelScore_becomesPercentWithoutFloatNoise', () => {
  const [label] = buildLabels([{ label: 'cat', score: 0.29, box: box() }], { minConfidence: 0 });
  assert.equal(label.Confidence, 29);
});

test('buildLabels_generalLabelsFilters_includeAndExcludeByNameAndCategory', () => {
  const detections = [
    { label: 'dog', score: 0.9, box: box() },
    { label: 'car', score: 0.8, box: box() },
    { label: 'person', score: 0.7, box: box() },
  ];
  const names = (generalLabels) => buildLabels(detections, { minConfidence: 0, generalLabels }).map((l) => l.Name);
  assert.deepEqual(names({ LabelInclusionFilters: ['dog', 'Person'] }), ['Dog', 'Person']);
  assert.deepEqual(names({ LabelExclusionFilters: ['Car'] }), ['Dog', 'Person']);
  assert.deepEqual(names({ LabelCategoryInclusionFilters: ['Vehicles and Automotive'] }), ['Car']);
  assert.deepEqual(names({ LabelCategoryExclusionFilters: ['Animals and Pets'] }), ['Car', 'Person']);
  assert.deepEqual(names({ LabelInclusionFilters: [] }), ['Dog', 'Car', 'Person']);
});
