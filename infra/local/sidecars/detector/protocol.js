'use strict';

// The DetectLabels request and error shapes of the Rekognition JSON 1.1 protocol
// (botocore rekognition/2016-06-27/service-2.json).

const TARGET_PREFIX = 'RekognitionService.';
const DETECT_LABELS_TARGET = `${TARGET_PREFIX}DetectLabels`;
/** The operations this stand-in serves, by X-Amz-Target. */
const OPERATIONS = Object.freeze(['DetectLabels', 'DetectFaces', 'DetectText', 'DetectModerationLabels']);
const TARGETS = Object.freeze(Object.fromEntries(OPERATIONS.map((name) => [`${TARGET_PREFIX}${name}`, name])));
// DetectFaces' Attribute enum; only some can be answered locally (faces.js says which).
const FACE_ATTRIBUTES = new Set(['DEFAULT', 'ALL', 'AGE_RANGE', 'BEARD', 'EMOTIONS', 'EYE_DIRECTION', 'EYEGLASSES', 'EYES_OPEN', 'GENDER', 'MOUTH_OPEN', 'MUSTACHE', 'FACE_OCCLUDED', 'SMILE', 'SUNGLASSES']);
const CONTENT_TYPE = 'application/x-amz-json-1.1';

const MAX_INLINE_IMAGE_BYTES = 5 * 1024 * 1024; // ImageBlob max
const MAX_S3_IMAGE_BYTES = 15 * 1024 * 1024; // Rekognition's limit for S3 objects
const FEATURES = new Set(['GENERAL_LABELS', 'IMAGE_PROPERTIES']);
const DEFAULT_MAX_DOMINANT_COLORS = 10;
const BUCKET_PATTERN = /^[0-9A-Za-z.\-_]{3,255}$/;
// A flat character class: a grouped pattern overflows the regexp stack on megabytes of base64.
const BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;

/** An error Rekognition declares for DetectLabels; `type` is the shape name clients switch on. */
class RekognitionError extends Error {
  constructor(type, message, status = 400) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = status;
  }
}

const invalidParameter = (message) => new RekognitionError('InvalidParameterException', message);
const invalidImageFormat = (message = 'Request has invalid image format') => new RekognitionError('InvalidImageFormatException', message);
const imageTooLarge = (message) => new RekognitionError('ImageTooLargeException', message);
const invalidS3Object = (message = 'Unable to get object metadata from S3. Check object key, region and/or access permissions.') =>
  new RekognitionError('InvalidS3ObjectException', message);
const throttling = (message = 'Too many requests are queued; retry later.') => new RekognitionError('ThrottlingException', message);
const internalError = (message = 'Internal server error') => new RekognitionError('InternalServerError', message, 500);

/** The status, headers and body of an AWS JSON 1.1 error response. */
function errorResponse(error, requestId) {
  const known = error instanceof RekognitionError ? error : internalError();
  return {
    status: known.status,
    headers: {
      'Content-Type': CONTENT_TYPE,
      'x-amzn-RequestId': requestId,
      'x-amzn-ErrorType': known.type,
    },
    body: JSON.stringify({ __type: known.type, Code: known.type, Message: known.message, Logref: requestId }),
  };
}

/** Identifies JPEG and PNG by their magic bytes; names and content types are never trusted. */
function sniffImageFormat(bytes) {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= png.length && png.every((b, i) => bytes[i] === b)) return 'png';
  return null;
}

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

function optionalNumber(request, member, { min, max, integer }) {
  const value = request[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || (max !== undefined && value > max)) {
    const range = max === undefined ? `>= ${min}` : `between ${min} and ${max}`;
    throw invalidParameter(`${member} must be ${integer ? 'an integer' : 'a number'} ${range}.`);
  }
  return value;
}

function filterList(generalLabels, member) {
  const list = generalLabels[member];
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list) || list.length > 100 || !list.every((v) => typeof v === 'string' && v.length <= 50)) {
    throw invalidParameter(`Settings.GeneralLabels.${member} must be a list of at most 100 names of at most 50 characters.`);
  }
  return list;
}

function parseImage(image) {
  if (!isObject(image)) throw invalidParameter('Image is required and must be an object with Bytes or S3Object.');
  const hasBytes = image.Bytes !== undefined && image.Bytes !== null;
  const hasS3 = image.S3Object !== undefined && image.S3Object !== null;
  if (hasBytes === hasS3) throw invalidParameter('Image must have exactly one of Bytes or S3Object.');
  if (hasBytes) {
    if (typeof image.Bytes !== 'string') throw invalidParameter('Image.Bytes must be a base64-encoded string.');
    const encoded = image.Bytes.replace(/\s+/g, '');
    // Checked before decoding so an oversized body is never materialised twice.
    if (Math.floor((encoded.length * 3) / 4) - (encoded.endsWith('==') ? 2 : encoded.endsWith('=') ? 1 : 0) > MAX_INLINE_IMAGE_BYTES) {
      throw imageTooLarge(`Image.Bytes is larger than ${MAX_INLINE_IMAGE_BYTES} bytes.`);
    }
    if (!BASE64_PATTERN.test(encoded) || encoded.length % 4 === 1) throw invalidParameter('Image.Bytes is not valid base64.');
    const bytes = Buffer.from(encoded, 'base64');
    // An empty blob is an image that cannot be read, as Rekognition reports for an empty S3 object.
    if (bytes.length === 0) throw invalidImageFormat('Request has invalid image format: the image is empty.');
    return { bytes };
  }
  const s3 = image.S3Object;
  if (!isObject(s3)) throw invalidParameter('Image.S3Object must be an object with Bucket and Name.');
  if (typeof s3.Bucket !== 'string' || !BUCKET_PATTERN.test(s3.Bucket)) throw invalidParameter('Image.S3Object.Bucket must be a valid bucket name.');
  if (typeof s3.Name !== 'string' || s3.Name.length < 1 || s3.Name.length > 1024) throw invalidParameter('Image.S3Object.Name must be 1 to 1024 characters.');
  if (s3.Version !== undefined && s3.Version !== null && (typeof s3.Version !== 'string' || s3.Version.length < 1 || s3.Version.length > 1024)) {
    throw invalidParameter('Image.S3Object.Version must be 1 to 1024 characters.');
  }
  return { s3Object: { bucket: s3.Bucket, key: s3.Name, version: s3.Version ?? undefined } };
}

function parseFeatures(features) {
  if (features === undefined || features === null) return { labels: true, properties: false };
  if (!Array.isArray(features) || features.length > 2 || !features.every((f) => FEATURES.has(f))) {
    throw invalidParameter('Features must be a list of GENERAL_LABELS and/or IMAGE_PROPERTIES.');
  }
  if (features.length === 0) return { labels: true, properties: false };
  return { labels: features.includes('GENERAL_LABELS'), properties: features.includes('IMAGE_PROPERTIES') };
}

function parseSettings(settings) {
  if (settings === undefined || settings === null) return { generalLabels: undefined, maxDominantColors: DEFAULT_MAX_DOMINANT_COLORS };
  if (!isObject(settings)) throw invalidParameter('Settings must be an object.');
  let generalLabels;
  if (settings.GeneralLabels !== undefined && settings.GeneralLabels !== null) {
    if (!isObject(settings.GeneralLabels)) throw invalidParameter('Settings.GeneralLabels must be an object.');
    generalLabels = {
      LabelInclusionFilters: filterList(settings.GeneralLabels, 'LabelInclusionFilters'),
      LabelExclusionFilters: filterList(settings.GeneralLabels, 'LabelExclusionFilters'),
      LabelCategoryInclusionFilters: filterList(settings.GeneralLabels, 'LabelCategoryInclusionFilters'),
      LabelCategoryExclusionFilters: filterList(settings.GeneralLabels, 'LabelCategoryExclusionFilters'),
    };
  }
  let maxDominantColors = DEFAULT_MAX_DOMINANT_COLORS;
  if (settings.ImageProperties !== undefined && settings.ImageProperties !== null) {
    if (!isObject(settings.ImageProperties)) throw invalidParameter('Settings.ImageProperties must be an object.');
    maxDominantColors = optionalNumber(settings.ImageProperties, 'MaxDominantColors', { min: 0, max: 20, integer: true }) ?? DEFAULT_MAX_DOMINANT_COLORS;
  }
  return { generalLabels, maxDominantColors };
}

function parseJsonObject(body) {
  let request;
  try {
    request = JSON.parse(Buffer.isBuffer(body) ? body.toString('utf8') : body);
  } catch {
    throw invalidParameter('The request body is not valid JSON.');
  }
  if (!isObject(request)) throw invalidParameter('The request body must be a JSON object.');
  return request;
}

/**
 * Parses and validates a DetectLabels request body.
 * @param {Buffer|string} body
 */
function parseDetectLabelsRequest(body) {
  const request = parseJsonObject(body);
  const image = parseImage(request.Image);
  const maxLabels = optionalNumber(request, 'MaxLabels', { min: 0, integer: true });
  const minConfidence = optionalNumber(request, 'MinConfidence', { min: 0, max: 100 });
  const features = parseFeatures(request.Features);
  const { generalLabels, maxDominantColors } = parseSettings(request.Settings);
  return { image, maxLabels, minConfidence, features, generalLabels, maxDominantColors };
}

/** DetectFaces: Image and Attributes (DEFAULT when absent). */
function parseDetectFacesRequest(body) {
  const request = parseJsonObject(body);
  const image = parseImage(request.Image);
  let attributes = ['DEFAULT'];
  if (request.Attributes !== undefined && request.Attributes !== null) {
    if (!Array.isArray(request.Attributes) || !request.Attributes.every((a) => FACE_ATTRIBUTES.has(a))) {
      throw invalidParameter(`Attributes must be a list of ${[...FACE_ATTRIBUTES].join(', ')}.`);
    }
    if (request.Attributes.length > 0) attributes = request.Attributes;
  }
  return { image, attributes: new Set(attributes) };
}

function optionalBox(value, where) {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw invalidParameter(`${where} must be an object with Width, Height, Left and Top.`);
  const box = {};
  for (const key of ['Width', 'Height', 'Left', 'Top']) {
    const v = value[key] ?? (key === 'Left' || key === 'Top' ? 0 : 1);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) throw invalidParameter(`${where}.${key} must be a ratio between 0 and 1.`);
    box[key] = v;
  }
  return box;
}

/** DetectText: Image and Filters (WordFilter; RegionsOfInterest given as bounding boxes). */
function parseDetectTextRequest(body) {
  const request = parseJsonObject(body);
  const image = parseImage(request.Image);
  const filters = { minConfidence: undefined, minHeight: 0, minWidth: 0, regions: [] };
  if (request.Filters !== undefined && request.Filters !== null) {
    if (!isObject(request.Filters)) throw invalidParameter('Filters must be an object.');
    const word = request.Filters.WordFilter;
    if (word !== undefined && word !== null) {
      if (!isObject(word)) throw invalidParameter('Filters.WordFilter must be an object.');
      filters.minConfidence = optionalNumber(word, 'MinConfidence', { min: 0, max: 100 });
      filters.minHeight = optionalNumber(word, 'MinBoundingBoxHeight', { min: 0, max: 1 }) ?? 0;
      filters.minWidth = optionalNumber(word, 'MinBoundingBoxWidth', { min: 0, max: 1 }) ?? 0;
    }
    const regions = request.Filters.RegionsOfInterest;
    if (regions !== undefined && regions !== null) {
      if (!Array.isArray(regions) || regions.length > 10) throw invalidParameter('Filters.RegionsOfInterest must be a list of at most 10 regions.');
      filters.regions = regions.map((region, i) => {
        if (!isObject(region)) throw invalidParameter(`Filters.RegionsOfInterest[${i}] must be an object.`);
        if (region.Polygon !== undefined && region.Polygon !== null) {
          throw invalidParameter('Filters.RegionsOfInterest: Polygon regions are not supported by the local detector; give a BoundingBox.');
        }
        const box = optionalBox(region.BoundingBox, `Filters.RegionsOfInterest[${i}].BoundingBox`);
        if (!box) throw invalidParameter(`Filters.RegionsOfInterest[${i}] needs a BoundingBox.`);
        return box;
      });
    }
  }
  return { image, filters };
}

/** DetectModerationLabels: Image and MinConfidence; human review loops and custom adapters are AWS-only. */
function parseDetectModerationLabelsRequest(body) {
  const request = parseJsonObject(body);
  const image = parseImage(request.Image);
  const minConfidence = optionalNumber(request, 'MinConfidence', { min: 0, max: 100 });
  if (request.HumanLoopConfig !== undefined && request.HumanLoopConfig !== null) {
    throw invalidParameter('HumanLoopConfig (Amazon Augmented AI review) is not available on the local detector.');
  }
  if (request.ProjectVersion !== undefined && request.ProjectVersion !== null) {
    throw invalidParameter('ProjectVersion (a custom moderation adapter) is not available on the local detector.');
  }
  return { image, minConfidence };
}

module.exports = {
  OPERATIONS,
  TARGETS,
  parseDetectFacesRequest,
  parseDetectTextRequest,
  parseDetectModerationLabelsRequest,
  CONTENT_TYPE,
  DETECT_LABELS_TARGET,
  MAX_INLINE_IMAGE_BYTES,
  MAX_S3_IMAGE_BYTES,
  RekognitionError,
  errorResponse,
  imageTooLarge,
  internalError,
  invalidImageFormat,
  invalidParameter,
  invalidS3Object,
  parseDetectLabelsRequest,
  sniffImageFormat,
  throttling,
};
