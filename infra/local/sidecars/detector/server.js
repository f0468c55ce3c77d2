#!/usr/bin/env node
'use strict';

// A stand-in for Amazon Rekognition's DetectLabels, DetectFaces, DetectText and
// DetectModerationLabels (JSON 1.1 protocol) backed by real models: a COCO-80 object detector,
// Human's face models, tesseract.js and nsfwjs. Usage:
//   node detector/server.js --port N [--workers 2] [--queue 32] [--s3-endpoint URL] [--log-requests] [--parent-pid PID]
// With --port 0 it picks a free port. Its first stdout line is "listening on http://127.0.0.1:PORT";
// GET /health answers 200 once every worker has its model loaded, 503 until then.

const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { performance } = require('node:perf_hooks');
const { WorkerPool } = require('./worker-pool');
const { buildLabels, passesFilters } = require('./labels');
const { analysisLabel } = require('./coco-labels');
const { SharedAnalyses } = require('./shared-analyses');
const { selectFaceAttributes } = require('./face-details');
const { toTextDetections } = require('./text-detections');
const { TEXT_MODEL_VERSION } = require('./text-model');
const { watchParent } = require('../parent-watch/parent-watch');
const { toModerationLabels } = require('./moderation-taxonomy');
const { MODERATION_MODEL_VERSION } = require('./moderation-model');
const { fetchS3Object } = require('./s3-source');
const { credentialsFromEnvironment } = require('./s3-signer');
const { LABEL_MODEL_VERSION, MODEL_NAME } = require('./model');
const {
  CONTENT_TYPE,
  TARGETS,
  errorResponse,
  imageTooLarge,
  invalidImageFormat,
  invalidParameter,
  parseDetectLabelsRequest,
  parseDetectFacesRequest,
  parseDetectTextRequest,
  parseDetectModerationLabelsRequest,
  sniffImageFormat,
  throttling,
} = require('./protocol');

// A 5 MB image is 7 MB of base64; anything much larger cannot be a valid DetectLabels request.
const MAX_BODY_BYTES = 8 * 1024 * 1024;
// Past this, stop reading an oversized body and drop the connection.
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

const USAGE =
  'usage: node detector/server.js --port N [--host 127.0.0.1] [--workers 2] [--queue 32] [--s3-endpoint URL] [--log-requests] [--parent-pid PID]';

function parseArgs(argv, env = {}) {
  const options = {
    host: '127.0.0.1',
    port: 0,
    workers: 2,
    queue: 32,
    s3Endpoint: env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined,
    // Rekognition reads an S3Object with the caller's access: the key pair the host gives the functions.
    s3Credentials: credentialsFromEnvironment(env),
    logRequests: false,
    parentPid: undefined,
  };
  const integer = (name, value, min) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min) throw new Error(`${name} must be an integer >= ${min}, got ${value}`);
    return parsed;
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      i += 1;
      return argv[i];
    };
    switch (arg) {
      case '--port': options.port = integer('--port', value(), 0); break;
      case '--host': options.host = value(); break;
      case '--workers': options.workers = integer('--workers', value(), 1); break;
      case '--queue': options.queue = integer('--queue', value(), 0); break;
      case '--s3-endpoint': options.s3Endpoint = value(); break;
      case '--log-requests': options.logRequests = true; break;
      case '--parent-pid': options.parentPid = integer('--parent-pid', value(), 1); break;
      default: throw new Error(`unknown argument ${arg}`);
    }
  }
  if (options.port > 65535) throw new Error('--port must be at most 65535');
  if (options.s3Endpoint) {
    const url = new URL(options.s3Endpoint); // throws on a malformed endpoint
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('--s3-endpoint must be an http(s) URL');
  }
  return options;
}

function send(res, status, headers, body) {
  res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Reads a request body up to limit bytes; a larger one is drained (or the socket dropped) and reported as such. */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let total = 0;
    let ended = false;
    req.on('data', (chunk) => {
      total += chunk.length;
      if (total <= limit) chunks.push(chunk);
      else if (total > MAX_DRAIN_BYTES) req.destroy();
    });
    req.on('end', () => {
      ended = true;
      resolve({ body: Buffer.concat(chunks), tooLarge: total > limit });
    });
    req.on('error', reject);
    // Dropped above, or the client went away: settle, or the handler would wait forever.
    req.on('close', () => {
      if (!ended) reject(total > limit ? imageTooLarge('The request is far larger than any valid DetectLabels request.') : invalidParameter('The request body was cut off.'));
    });
  });
}

/**
 * The HTTP server. `pool` runs image jobs (a WorkerPool or a test double with the same
 * run/ready/readyCount/saturated members); `fetchObject` reads S3 objects.
 */
function createDetectorServer({ pool, s3Endpoint, s3Credentials = null, fetchObject = fetchS3Object, log = () => {} }) {
  const shared = new SharedAnalyses((payload) => pool.run(payload));

  async function readImage(image) {
    // Refuse before downloading anything when the queue is already full.
    if (pool.saturated) throw throttling();
    const bytes = image.bytes ?? (await fetchObject(s3Endpoint, image.s3Object, { credentials: s3Credentials }));
    if (bytes.length === 0) throw invalidImageFormat('Request has invalid image format: the image is empty.');
    if (!sniffImageFormat(bytes)) throw invalidImageFormat('Request has invalid image format: the bytes are neither JPEG nor PNG.');
    return bytes;
  }

  const operations = {
    async DetectLabels(body) {
      const request = parseDetectLabelsRequest(body);
      const bytes = await readImage(request.image);
      const wantLabels = request.features.labels;
      // "Face" and "Text" labels come from the face and text analyses, shared with DetectFaces/DetectText;
      // an analysis whose label the request's filters would drop anyway is not run.
      const wants = (name) => wantLabels && passesFilters(analysisLabel(name, 100), request.generalLabels);
      const [result, faces, text] = await Promise.all([
        pool.run({ bytes, labels: wantLabels, properties: request.features.properties, maxDominantColors: request.maxDominantColors }),
        wants('Face') ? shared.get(bytes, 'faces') : undefined,
        wants('Text') ? shared.get(bytes, 'text') : undefined,
      ]);
      const extra = [];
      if (faces?.faces?.length) extra.push(analysisLabel('Face', Math.max(...faces.faces.map((f) => f.Confidence))));
      const lines = text?.text ? toTextDetections(text.text.lines, text.text.width, text.text.height).filter((t) => t.Type === 'LINE') : [];
      if (lines.length) extra.push(analysisLabel('Text', Math.max(...lines.map((l) => l.Confidence))));
      const response = {
        Labels: wantLabels
          ? buildLabels(result.detections, { minConfidence: request.minConfidence, maxLabels: request.maxLabels, generalLabels: request.generalLabels, extra })
          : [],
        LabelModelVersion: LABEL_MODEL_VERSION,
      };
      if (request.features.properties) response.ImageProperties = result.imageProperties;
      return response;
    },

    async DetectFaces(body) {
      const request = parseDetectFacesRequest(body);
      const result = await shared.get(await readImage(request.image), 'faces');
      return { FaceDetails: selectFaceAttributes(result.faces ?? [], request.attributes) };
    },

    async DetectText(body) {
      const request = parseDetectTextRequest(body);
      const { text } = await shared.get(await readImage(request.image), 'text');
      return { TextDetections: text ? toTextDetections(text.lines, text.width, text.height, request.filters) : [], TextModelVersion: TEXT_MODEL_VERSION };
    },

    async DetectModerationLabels(body) {
      const request = parseDetectModerationLabelsRequest(body);
      const { moderation } = await shared.get(await readImage(request.image), 'moderation');
      return { ModerationLabels: toModerationLabels(moderation ?? {}, request.minConfidence), ModerationModelVersion: MODERATION_MODEL_VERSION };
    },
  };

  async function handle(req) {
    const { body, tooLarge } = await readBody(req, MAX_BODY_BYTES);
    const target = req.headers['x-amz-target'];
    const operation = TARGETS[target];
    if (!operation) {
      const served = Object.keys(TARGETS).join(', ');
      throw invalidParameter(target ? `Unknown operation ${target}; this endpoint serves ${served}.` : `Missing X-Amz-Target header; expected one of ${served}.`);
    }
    if (tooLarge) throw imageTooLarge('The request is larger than an image of at most 5 MB can make it.');
    return { operation, response: await operations[operation](body) };
  }

  return http.createServer((req, res) => {
    const started = performance.now();
    // Only the path matters; splitting (rather than new URL) cannot throw on odd request targets.
    const pathname = req.url.split('?')[0];
    if (req.method === 'GET' && pathname === '/health') {
      const ready = pool.ready;
      send(res, ready ? 200 : 503, { 'Content-Type': 'application/json' }, JSON.stringify({ status: ready ? 'ok' : 'starting', workers: pool.readyCount, model: MODEL_NAME }));
      return;
    }
    if (req.method !== 'POST' || pathname !== '/') {
      req.resume();
      send(res, 404, { 'Content-Type': 'application/json' }, JSON.stringify({ message: `Not Found: ${req.method} ${pathname}` }));
      return;
    }
    const requestId = randomUUID();
    const name = TARGETS[req.headers['x-amz-target']] ?? 'Unknown';
    handle(req).then(
      ({ operation, response }) => {
        send(res, 200, { 'Content-Type': CONTENT_TYPE, 'x-amzn-RequestId': requestId }, JSON.stringify(response));
        log(`${operation} 200 ${Math.round(performance.now() - started)} ms`);
      },
      (error) => {
        const { status, headers, body } = errorResponse(error, requestId);
        if (status >= 500) process.stderr.write(`${name} ${requestId} failed: ${error.stack || error}\n`);
        if (!res.headersSent && !res.destroyed) send(res, status, headers, body);
        log(`${name} ${status} ${headers['x-amzn-ErrorType']} ${Math.round(performance.now() - started)} ms`);
      },
    );
  });
}

function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  const pool = new WorkerPool({ size: options.workers, queueLimit: options.queue });
  const log = options.logRequests ? (line) => process.stderr.write(`${line}\n`) : () => {};
  const server = createDetectorServer({ pool, s3Endpoint: options.s3Endpoint, s3Credentials: options.s3Credentials, log });
  const startedAt = performance.now();

  pool.on('ready', (index, loadMs) => {
    process.stderr.write(`detector worker ${index} ready: model loaded in ${Math.round(loadMs)} ms (${Math.round(performance.now() - startedAt)} ms since start)\n`);
  });
  pool.on('warm', (index, sinceStartMs, each) => {
    process.stderr.write(`detector worker ${index} warm: every model loaded ${Math.round(sinceStartMs)} ms after the worker started (${each})\n`);
  });
  pool.on('fatal', (message) => {
    process.stderr.write(`detector cannot start: ${message}\n`);
    process.exit(1);
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeAllConnections();
    pool.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (options.parentPid) {
    // A host killed with SIGKILL cannot stop its children, so the detector watches it instead.
    watchParent(options.parentPid, stop);
  }

  server.on('error', (error) => {
    process.stderr.write(`detector cannot listen on ${options.host}:${options.port}: ${error.message}\n`);
    process.exit(1);
  });
  server.listen(options.port, options.host, () => {
    const { port } = server.address();
    process.stdout.write(`listening on http://${options.host}:${port}\n`);
    // Workers start after the port is known, so a parent can poll /health while the models load.
    pool.start();
  });
}

if (require.main === module) main();

module.exports = { createDetectorServer, parseArgs, MAX_BODY_BYTES };
