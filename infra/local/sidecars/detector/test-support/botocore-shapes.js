'use strict';

// Checks a JSON response against botocore's Rekognition model (../shared/contracts/models): every
// member must be declared by its shape, with the declared type, enum value and range. It lives outside
// test/ because node --test runs every .js file under a test/ folder.

const fs = require('node:fs');
const path = require('node:path');
const { SHARED_DIR } = require('./harness');

const MODEL_PATH = path.join(SHARED_DIR, 'contracts', 'models', 'botocore', 'data', 'rekognition', '2016-06-27', 'service-2.json');
const HAVE_MODEL = fs.existsSync(MODEL_PATH);

function loadModel() {
  return JSON.parse(fs.readFileSync(MODEL_PATH, 'utf8'));
}

/** Returns a list of problems ("FaceDetails[0].Gender: not a member of FaceDetail"); empty when it conforms. */
function shapeProblems(model, shapeName, value, where = shapeName, problems = []) {
  const shape = model.shapes[shapeName];
  const fail = (message) => problems.push(`${where}: ${message}`);
  switch (shape.type) {
    case 'structure':
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail(`expected a ${shapeName} object`), problems;
      for (const [member, child] of Object.entries(value)) {
        if (!shape.members[member]) fail(`${member} is not a member of ${shapeName}`);
        else shapeProblems(model, shape.members[member].shape, child, `${where}.${member}`, problems);
      }
      break;
    case 'list':
      if (!Array.isArray(value)) return fail('expected a list'), problems;
      value.forEach((item, i) => shapeProblems(model, shape.member.shape, item, `${where}[${i}]`, problems));
      break;
    case 'string':
      if (typeof value !== 'string') fail(`expected a string, got ${JSON.stringify(value)}`);
      else if (shape.enum && !shape.enum.includes(value)) fail(`${value} is not one of ${shapeName}'s values`);
      break;
    case 'integer':
    case 'long':
      if (!Number.isInteger(value)) fail(`expected an integer, got ${value}`);
      break;
    case 'float':
    case 'double':
      if (typeof value !== 'number' || !Number.isFinite(value)) fail(`expected a number, got ${value}`);
      break;
    case 'boolean':
      if (typeof value !== 'boolean') fail(`expected a boolean, got ${value}`);
      break;
    default:
      fail(`unchecked type ${shape.type}`);
  }
  if (typeof value === 'number') {
    if (shape.min !== undefined && value < shape.min) fail(`${value} < min ${shape.min}`);
    if (shape.max !== undefined && value > shape.max) fail(`${value} > max ${shape.max}`);
  }
  return problems;
}

module.exports = { HAVE_MODEL, MODEL_PATH, loadModel, shapeProblems };
