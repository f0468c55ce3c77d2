'use strict';

// SigV4 for the detector's reads of S3 objects: an Authorization header on a GET, as the AWS SDKs sign one. The
// detector plays Rekognition, which reads an S3Object with the caller's access; the local bucket is private and
// serves only signed requests.

const crypto = require('node:crypto');

const EMPTY_PAYLOAD_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const sha256Hex = (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key, text) => crypto.createHmac('sha256', key).update(text, 'utf8').digest();

/** RFC 3986 percent-encoding, as SigV4 wants for query names and values and S3 for each segment of a key. */
const encodeRfc3986 = (text) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The credentials in AWS's environment variables, or null when there are none. */
function credentialsFromEnvironment(env) {
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) return null;
  return {
    accessKeyId: env.AWS_ACCESS_KEY_ID,
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
    sessionToken: env.AWS_SESSION_TOKEN || undefined,
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
  };
}

/**
 * The headers that sign a GET of `url` (its path already percent-encoded, as S3 paths are sent) for service s3:
 * the given headers plus X-Amz-Date, X-Amz-Content-SHA256 (of the empty payload), X-Amz-Security-Token when there
 * is a session token, and Authorization.
 * @param {string} url
 * @param {{accessKeyId: string, secretAccessKey: string, sessionToken?: string, region: string}} credentials
 * @param {{now?: Date, headers?: Record<string, string>}} [options]
 */
function signS3Get(url, credentials, { now = new Date(), headers = {} } = {}) {
  const parsed = new URL(url);
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const signed = {
    ...headers,
    'X-Amz-Date': amzDate,
    'X-Amz-Content-SHA256': EMPTY_PAYLOAD_SHA256,
    ...(credentials.sessionToken ? { 'X-Amz-Security-Token': credentials.sessionToken } : {}),
  };
  const canonicalHeaders = Object.entries({ host: parsed.host, ...signed })
    .map(([name, value]) => [name.toLowerCase(), String(value).trim().replace(/\s+/g, ' ')])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = canonicalHeaders.map(([name]) => name).join(';');
  const canonicalQuery = [...parsed.searchParams]
    .map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)])
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const canonicalRequest = [
    'GET',
    parsed.pathname,
    canonicalQuery,
    canonicalHeaders.map(([name, value]) => `${name}:${value}\n`).join(''),
    signedHeaders,
    EMPTY_PAYLOAD_SHA256,
  ].join('\n');
  const scope = `${day}/${credentials.region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = ['s3', 'aws4_request'].reduce(
    (key, part) => hmac(key, part),
    hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), credentials.region),
  );
  const signature = hmac(signingKey, stringToSign).toString('hex');
  return {
    ...signed,
    Authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

module.exports = { credentialsFromEnvironment, encodeRfc3986, signS3Get };
