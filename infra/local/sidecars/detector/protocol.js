'use strict';

// The DetectLabels request and error shapes of the Rekognition JSON 1.1 protocol
// (botocore rekognition/2016-06-27/service-2.json).

const TARGET_PREFIX = 'RekognitionService.';
const DETECT_LABELS_TARGET = `${TARGET_PREFIX}DetectLabels`;
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

/**
 * Parses and validates a DetectLabels request body.
 * @param {Buffer|string} body
 */
function parseDetectLabelsRequest(body) {
  let request;
  try {
    request = JSON.parse(Buffer.isBuffer(body) ? body.toString('utf8') : body);
  } catch {
    throw invalidParameter('The request body is not valid JSON.');
  }
  if (!isObject(request)) throw invalidParameter('The request body must be a JSON object.');
  const image = parseImage(request.Image);
  const maxLabels = optionalNumber(request, 'MaxLabels', { min: 0, integer: true });
  const minConfidence = optionalNumber(request, 'MinConfidence', { min: 0, max: 100 });
  const features = parseFeatures(request.Features);
  const { generalLabels, maxDominantColors } = parseSettings(request.Settings);
  return { image, maxLabels, minConfidence, features, generalLabels, maxDominantColors };
}

module.exports = {
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
