'use strict';

// The detector's SigV4 for S3 GETs: against the S3 vectors in shared/ (values from the Amazon S3 API Reference),
// and end to end through fetchS3Object to a server that reads what was sent.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { once } = require('node:events');
const { signS3Get } = require('../s3-signer');
const { fetchS3Object } = require('../s3-source');
const { SHARED_DIR } = require('../test-support/harness');

const VECTORS = path.join(SHARED_DIR, 'contracts', 'sigv4', 's3-vectors.json');
const SKIP_VECTORS = fs.existsSync(VECTORS) ? false : `S3 SigV4 vectors not found at ${VECTORS} (set ILL_SHARED_DIR to the shared/ folder)`;

function vector(name) {
  const suite = JSON.parse(fs.readFileSync(VECTORS, 'utf8'));
  const { access_key_id: accessKeyId, secret_access_key: secretAccessKey, region, timestamp } = suite.credentials_doc;
  const now = new Date(`${timestamp.slice(0, 4)}-${timestamp.slice(4, 6)}-${timestamp.slice(6, 8)}T${timestamp.slice(9, 11)}:${timestamp.slice(11, 13)}:${timestamp.slice(13, 15)}Z`);
  return { testCase: suite.cases.find((c) => c.name === name), credentials: { accessKeyId, secretAccessKey, region }, now };
}

test('signS3Get_documentedGetObjectWithRange_documentedSignature', { skip: SKIP_VECTORS }, () => {
  const { testCase, credentials, now } = vector('doc-get-object');

  const headers = signS3Get(testCase.url, credentials, { now, headers: { Range: testCase.request_headers.Range } });

  assert.equal(headers.Authorization, testCase.authorization);
  assert.equal(testCase.signature, testCase.aws_documented_signature);
});

test('signS3Get_documentedListWithQuery_documentedSignature', { skip: SKIP_VECTORS }, () => {
  const { testCase, credentials, now } = vector('doc-list-objects');

  const headers = signS3Get(testCase.url, credentials, { now });

  assert.equal(headers.Authorization, testCase.authorization);
});

test('signS3Get_sessionToken_signedAsAHeader', () => {
  const headers = signS3Get('http://127.0.0.1:9/b/k', { accessKeyId: 'AKID', secretAccessKey: 's', sessionToken: 'token', region: 'us-east-1' }, { now: new Date(0) });

  assert.equal(headers['X-Amz-Security-Token'], 'token');
  assert.match(headers.Authorization, /SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,/);
});

test('fetchS3Object_withCredentials_sendsTheSignatureOfWhatItSent', async () => {
  const seen = [];
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url, headers: req.headers });
    res.writeHead(200, { 'Content-Length': 3 });
    res.end('abc');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const endpoint = `http://127.0.0.1:${server.address().port}/local/s3`;
  const credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret', region: 'us-east-1' };
  try {
    const bytes = await fetchS3Object(endpoint, { bucket: 'uploads', key: 'feed/a b+c.png' }, { credentials });

    assert.equal(bytes.toString(), 'abc');
    const [{ url, headers }] = seen;
    assert.equal(url, '/local/s3/uploads/feed/a%20b%2Bc.png');
    const date = headers['x-amz-date'];
    const now = new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`);
    assert.equal(headers.authorization, signS3Get(`${endpoint}/uploads/feed/a%20b%2Bc.png`, credentials, { now }).Authorization);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('fetchS3Object_withoutCredentials_unsigned', async () => {
  const seen = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'Content-Length': 1 });
    res.end('x');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    await fetchS3Object(`http://127.0.0.1:${server.address().port}`, { bucket: 'b', key: 'k' });

    assert.equal(seen[0].authorization, undefined);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
