'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const {
  MAX_INLINE_IMAGE_BYTES,
  RekognitionError,
  errorResponse,
  parseDetectLabelsRequest,
  sniffImageFormat,
} = require('../protocol');
const { objectUrl, encodeKey } = require('../s3-source');

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const parse = (request) => parseDetectLabelsRequest(JSON.stringify(request));
const rejects = (request, type) =>
  assert.throws(() => (typeof request === 'string' ? parseDetectLabelsRequest(request) : parse(request)), (error) => {
    assert.ok(error instanceof RekognitionError);
    assert.equal(error.type, type);
    return true;
  });

test('parseDetectLabelsRequest_bytesRequest_decodesBase64AndDefaults', () => {
  const parsed = parse({ Image: { Bytes: PNG_MAGIC.toString('base64') } });
  assert.deepEqual(parsed.image.bytes, PNG_MAGIC);
  assert.equal(parsed.maxLabels, undefined);
  assert.equal(parsed.minConfidence, undefined);
  assert.deepEqual(parsed.features, { labels: true, properties: false });
  assert.equal(parsed.maxDominantColors, 10);
});

test('parseDetectLabelsRequest_s3ObjectWithOptions_readsEveryMember', () => {
  const parsed = parse({
    Image: { S3Object: { Bucket: 'upload-bucket', Name: 'uploads/f/i', Version: 'v1' } },
    MaxLabels: 5,
    MinConfidence: 30.5,
    Features: ['IMAGE_PROPERTIES'],
    Settings: { ImageProperties: { MaxDominantColors: 3 }, GeneralLabels: { LabelInclusionFilters: ['Dog'] } },
  });
  assert.deepEqual(parsed.image, { s3Object: { bucket: 'upload-bucket', key: 'uploads/f/i', version: 'v1' } });
  assert.equal(parsed.maxLabels, 5);
  assert.equal(parsed.minConfidence, 30.5);
  assert.deepEqual(parsed.features, { labels: false, properties: true });
  assert.equal(parsed.maxDominantColors, 3);
  assert.deepEqual(parsed.generalLabels.LabelInclusionFilters, ['Dog']);
});

test('parseDetectLabelsRequest_malformedJson_isInvalidParameter', () => {
  rejects('{"Image": ', 'InvalidParameterException');
  rejects('[1,2]', 'InvalidParameterException');
  rejects('', 'InvalidParameterException');
});

test('parseDetectLabelsRequest_missingOrAmbiguousImage_isInvalidParameter', () => {
  rejects({}, 'InvalidParameterException');
  rejects({ Image: {} }, 'InvalidParameterException');
  rejects({ Image: 'abc' }, 'InvalidParameterException');
  rejects({ Image: { Bytes: 'iVBO', S3Object: { Bucket: 'abc', Name: 'k' } } }, 'InvalidParameterException');
  rejects({ Image: { Bytes: 12 } }, 'InvalidParameterException');
  rejects({ Image: { Bytes: 'not base64!' } }, 'InvalidParameterException');
});

test('parseDetectLabelsRequest_badS3Object_isInvalidParameter', () => {
  rejects({ Image: { S3Object: { Bucket: 'abc' } } }, 'InvalidParameterException');
  rejects({ Image: { S3Object: { Bucket: 'a', Name: 'k' } } }, 'InvalidParameterException');
  rejects({ Image: { S3Object: { Bucket: 'bad/bucket', Name: 'k' } } }, 'InvalidParameterException');
  rejects({ Image: { S3Object: { Bucket: 'abc', Name: '' } } }, 'InvalidParameterException');
});

test('parseDetectLabelsRequest_outOfRangeNumbersOrFeatures_isInvalidParameter', () => {
  const image = { Bytes: PNG_MAGIC.toString('base64') };
  rejects({ Image: image, MinConfidence: 101 }, 'InvalidParameterException');
  rejects({ Image: image, MinConfidence: '50' }, 'InvalidParameterException');
  rejects({ Image: image, MaxLabels: -1 }, 'InvalidParameterException');
  rejects({ Image: image, MaxLabels: 1.5 }, 'InvalidParameterException');
  rejects({ Image: image, Features: ['FACES'] }, 'InvalidParameterException');
  rejects({ Image: image, Settings: { ImageProperties: { MaxDominantColors: 21 } } }, 'InvalidParameterException');
  rejects({ Image: image, Settings: { GeneralLabels: { LabelInclusionFilters: 'Dog' } } }, 'InvalidParameterException');
});

test('parseDetectLabelsRequest_emptyBytes_isInvalidImageFormat', () => {
  rejects({ Image: { Bytes: '' } }, 'InvalidImageFormatException');
});

test('parseDetectLabelsRequest_bytesOverFiveMegabytes_isImageTooLarge', () => {
  rejects({ Image: { Bytes: Buffer.alloc(MAX_INLINE_IMAGE_BYTES + 1).toString('base64') } }, 'ImageTooLargeException');
  assert.equal(parse({ Image: { Bytes: Buffer.alloc(MAX_INLINE_IMAGE_BYTES).toString('base64') } }).image.bytes.length, MAX_INLINE_IMAGE_BYTES);
});

test('errorResponse_rekognitionError_isAwsJson11ErrorWithTypeHeader', () => {
  const response = errorResponse(new RekognitionError('InvalidImageFormatException', 'bad image'), 'req-1');
  assert.equal(response.status, 400);
  assert.equal(response.headers['x-amzn-ErrorType'], 'InvalidImageFormatException');
  assert.equal(response.headers['Content-Type'], 'application/x-amz-json-1.1');
  assert.deepEqual(JSON.parse(response.body), { __type: 'InvalidImageFormatException', Code: 'InvalidImageFormatException', Message: 'bad image', Logref: 'req-1' });
});

test('errorResponse_unexpectedError_isInternalServerErrorWithoutDetails', () => {
  const response = errorResponse(new TypeError('secret stack detail'), 'req-2');
  assert.equal(response.status, 500);
  assert.equal(JSON.parse(response.body).__type, 'InternalServerError');
  assert.ok(!response.body.includes('secret'));
});

test('sniffImageFormat_magicBytes_identifyJpegAndPngOnly', () => {
  assert.equal(sniffImageFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), 'jpeg');
  assert.equal(sniffImageFormat(PNG_MAGIC), 'png');
  assert.equal(sniffImageFormat(Buffer.from('GIF89a')), null);
  assert.equal(sniffImageFormat(Buffer.from('hello, this is text')), null);
  assert.equal(sniffImageFormat(Buffer.alloc(0)), null);
});

test('objectUrl_keyWithSpecialCharacters_isPathStyleAndPercentEncoded', () => {
  assert.equal(objectUrl('http://127.0.0.1:9000', { bucket: 'b-1', key: 'uploads/feed/a b+c(1)*é.png' }), 'http://127.0.0.1:9000/b-1/uploads/feed/a%20b%2Bc%281%29%2A%C3%A9.png');
  assert.equal(objectUrl('http://h:1/s3/', { bucket: 'bkt', key: 'k', version: 'v 1' }), 'http://h:1/s3/bkt/k?versionId=v%201');
  assert.equal(encodeKey('a//b/'), 'a//b/');
});
