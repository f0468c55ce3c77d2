'use strict';

const { MAX_S3_IMAGE_BYTES, imageTooLarge, invalidS3Object } = require('./protocol');
const { encodeRfc3986, signS3Get } = require('./s3-signer');

// RFC 3986 unreserved characters stay as they are; everything else in a key segment is
// percent-encoded, as S3 clients do for path-style URLs ("/" separates segments and is kept).
function encodeKey(key) {
  return key
    .split('/')
    .map(encodeRfc3986)
    .join('/');
}

/** The path-style URL of an object: {endpoint}/{bucket}/{key}[?versionId=...]. */
function objectUrl(endpoint, { bucket, key, version }) {
  const base = endpoint.endsWith('/') ? endpoint.slice(0, -1) : endpoint;
  const url = `${base}/${encodeURIComponent(bucket)}/${encodeKey(key)}`;
  return version ? `${url}?versionId=${encodeURIComponent(version)}` : url;
}

/**
 * Reads an object from an S3-compatible endpoint with a GET, signed with SigV4 when there are credentials (the
 * local bucket is private, as on AWS). Any failure to read it is InvalidS3ObjectException; over 15 MB is
 * ImageTooLargeException.
 */
async function fetchS3Object(endpoint, s3Object, { timeoutMs = 30_000, maxBytes = MAX_S3_IMAGE_BYTES, credentials = null } = {}) {
  if (!endpoint) throw invalidS3Object('This detector has no S3 endpoint configured (--s3-endpoint or AWS_ENDPOINT_URL_S3).');
  const url = objectUrl(endpoint, s3Object);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response;
    try {
      response = await fetch(url, { signal: controller.signal, redirect: 'error', headers: credentials ? signS3Get(url, credentials) : {} });
    } catch (error) {
      throw invalidS3Object(`Unable to get object from S3 (${error.cause?.code ?? error.message}).`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw invalidS3Object(`Unable to get object from S3: HTTP ${response.status}. Check object key, region and/or access permissions.`);
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel();
      throw imageTooLarge(`The S3 object is ${declared} bytes; the limit is ${maxBytes}.`);
    }
    const chunks = [];
    let total = 0;
    try {
      for await (const chunk of response.body) {
        total += chunk.length;
        if (total > maxBytes) {
          controller.abort();
          throw imageTooLarge(`The S3 object is larger than ${maxBytes} bytes.`);
        }
        chunks.push(chunk);
      }
    } catch (error) {
      if (error.type === 'ImageTooLargeException') throw error;
      throw invalidS3Object(`Unable to read object from S3 (${error.message}).`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    clearTimeout(timer);
  }
}

module.exports = { encodeKey, objectUrl, fetchS3Object };
