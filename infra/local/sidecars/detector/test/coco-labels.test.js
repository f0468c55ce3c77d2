'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { COCO_TO_REKOGNITION, toRekognitionLabel, titleCase } = require('../coco-labels');
const { packageDir } = require('../model');

const COCO_80 = [
  'person', 'bicycle', 'car', 'motorcycle', 'airplane', 'bus', 'train', 'truck', 'boat', 'traffic light', 'fire hydrant',
  'stop sign', 'parking meter', 'bench', 'bird', 'cat', 'dog', 'horse', 'sheep', 'cow', 'elephant', 'bear', 'zebra',
  'giraffe', 'backpack', 'umbrella', 'handbag', 'tie', 'suitcase', 'frisbee', 'skis', 'snowboard', 'sports ball', 'kite',
  'baseball bat', 'baseball glove', 'skateboard', 'surfboard', 'tennis racket', 'bottle', 'wine glass', 'cup', 'fork',
  'knife', 'spoon', 'bowl', 'banana', 'apple', 'sandwich', 'orange', 'broccoli', 'carrot', 'hot dog', 'pizza', 'donut',
  'cake', 'chair', 'couch', 'potted plant', 'bed', 'dining table', 'toilet', 'tv', 'laptop', 'mouse', 'remote',
  'keyboard', 'cell phone', 'microwave', 'oven', 'toaster', 'sink', 'refrigerator', 'book', 'clock', 'vase', 'scissors',
  'teddy bear', 'hair drier', 'toothbrush',
];

test('COCO_TO_REKOGNITION_table_coversExactlyTheEightyCocoClasses', () => {
  assert.deepEqual(Object.keys(COCO_TO_REKOGNITION).sort(), [...COCO_80].sort());
});

test('COCO_TO_REKOGNITION_installedHumanModel_reportsOnlyMappedClassNames', () => {
  // The class names Human's CenterNet post-processing emits, read from the installed bundle.
  const bundle = fs.readFileSync(path.join(packageDir('@vladmandic/human'), 'dist', 'human.node-wasm.js'), 'utf8');
  const names = [...bundle.matchAll(/\{class:\d+,label:"([^"]+)"\}/g)].map((m) => m[1]);
  assert.equal(names.length, 80);
  for (const name of names) assert.ok(COCO_TO_REKOGNITION[name], `no Rekognition label for "${name}"`);
});

test('toRekognitionLabel_knownClasses_useRekognitionNames', () => {
  assert.equal(toRekognitionLabel('person').name, 'Person');
  assert.equal(toRekognitionLabel('cell phone').name, 'Mobile Phone');
  assert.equal(toRekognitionLabel('dining table').name, 'Dining Table');
  assert.equal(toRekognitionLabel('tv').name, 'TV');
  assert.equal(toRekognitionLabel('sports ball').name, 'Ball');
  assert.equal(toRekognitionLabel('CAT').name, 'Cat');
});

test('toRekognitionLabel_animalsAndVehicles_carryRekognitionParents', () => {
  assert.deepEqual([...toRekognitionLabel('cat').parents].sort(), ['Animal', 'Mammal', 'Pet']);
  assert.deepEqual([...toRekognitionLabel('dog').parents].sort(), ['Animal', 'Canine', 'Mammal', 'Pet']);
  assert.deepEqual([...toRekognitionLabel('car').parents].sort(), ['Transportation', 'Vehicle']);
  assert.deepEqual([...toRekognitionLabel('truck').parents].sort(), ['Transportation', 'Vehicle']);
  assert.ok(toRekognitionLabel('horse').parents.includes('Animal'));
  assert.ok(toRekognitionLabel('dining table').parents.includes('Furniture'));
  assert.deepEqual(toRekognitionLabel('person').parents, []);
});

test('COCO_TO_REKOGNITION_everyEntry_isTitleCasedWithDistinctParentsAndOneCategory', () => {
  const names = new Set();
  for (const [coco, entry] of Object.entries(COCO_TO_REKOGNITION)) {
    for (const word of entry.name.split(' ')) assert.match(word, /^[A-Z][A-Za-z]*$/, `${coco} -> ${entry.name}`);
    assert.ok(!names.has(entry.name), `duplicate label ${entry.name}`);
    names.add(entry.name);
    assert.equal(new Set(entry.parents).size, entry.parents.length, `${entry.name} repeats a parent`);
    assert.ok(!entry.parents.includes(entry.name), `${entry.name} is its own parent`);
    assert.equal(entry.categories.length, 1, `${entry.name} needs a category`);
    assert.ok(Object.isFrozen(entry) && Object.isFrozen(entry.parents));
  }
});

test('toRekognitionLabel_unknownClass_fallsBackToTitleCaseWithoutParents', () => {
  const label = toRekognitionLabel('traffic  cone');
  assert.equal(label.name, 'Traffic Cone');
  assert.deepEqual(label.parents, []);
  assert.deepEqual(label.categories, []);
});

test('titleCase_mixedInput_capitalisesEachWord', () => {
  assert.equal(titleCase('hair_drier'), 'Hair Drier');
  assert.equal(titleCase(' HOT dog '), 'Hot Dog');
});
