'use strict';

// Shared by the detector tests: locating shared/ test data, starting the real server, calling it.
// It lives outside test/ because node --test runs every .js file under a test/ folder as a test file.

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const readline = require('node:readline');
const { spawn } = require('node:child_process');

const SIDECARS_DIR = path.resolve(__dirname, '..', '..');
const REPO_ROOT = path.resolve(SIDECARS_DIR, '..', '..', '..');
const SHARED_DIR = path.resolve(process.env.ILL_SHARED_DIR || path.join(REPO_ROOT, '..', 'shared'));
const SHARED_IMAGES = path.join(SHARED_DIR, 'images');
const HAVE_SHARED = fs.existsSync(path.join(SHARED_IMAGES, 'cat_chelsea.png'));
/** Pass as a test's `skip` option: false when shared/ is there, else the reason. */
const SKIP_WITHOUT_SHARED = HAVE_SHARED ? false : `shared test images not found at ${SHARED_IMAGES} (set ILL_SHARED_DIR to the shared/ folder)`;

const sharedImage = (name) => fs.readFileSync(path.join(SHARED_IMAGES, name));

/**
 * Starts detector/server.js on a free port and waits for /health to answer 200.
 * @returns {Promise<{url: string, pid: number, stderr: () => string, stop: () => Promise<{code: number|null, signal: string|null}>}>}
 */
async function startDetector(args = [], { readyTimeoutMs = 30_000 } = {}) {
  const child = spawn(process.execPath, [path.join(SIDECARS_DIR, 'detector', 'server.js'), '--port', '0', ...args], {
    cwd: SIDECARS_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const firstLine = await Promise.race([
    new Promise((resolve) => readline.createInterface({ input: child.stdout }).once('line', resolve)),
    exited.then(({ code }) => {
      throw new Error(`detector exited with ${code} before listening: ${stderr}`);
    }),
  ]);
  const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(firstLine);
  if (!match) throw new Error(`unexpected first stdout line: ${firstLine}`);
  const url = match[1];
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    const health = await request(url, { method: 'GET', path: '/health' }).catch(() => null);
    if (health && health.status === 200) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`detector did not become healthy: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, pid: child.pid, stderr: () => stderr, stop };
}

/** A plain HTTP request; resolves with status, headers, raw body and parsed JSON (when it is JSON). */
function request(baseUrl, { method = 'POST', path: requestPath = '/', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(requestPath, baseUrl), { method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const DETECT_HEADERS = Object.freeze({
  'X-Amz-Target': 'RekognitionService.DetectLabels',
  'Content-Type': 'application/x-amz-json-1.1',
});

/** Calls DetectLabels with a request object (or a raw string body). */
function detectLabels(baseUrl, requestBody, headers = DETECT_HEADERS) {
  return request(baseUrl, { headers, body: typeof requestBody === 'string' ? requestBody : JSON.stringify(requestBody) });
}

const bytesRequest = (bytes, extra = {}) => ({ Image: { Bytes: Buffer.from(bytes).toString('base64') }, ...extra });

module.exports = {
  DETECT_HEADERS,
  HAVE_SHARED,
  SHARED_DIR,
  SHARED_IMAGES,
  SKIP_WITHOUT_SHARED,
  bytesRequest,
  detectLabels,
  request,
  sharedImage,
  startDetector,
};
