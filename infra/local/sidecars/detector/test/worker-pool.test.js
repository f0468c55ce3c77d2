'use strict';

// WorkerPool with fake worker threads (evaluated scripts), so queueing, throttling and crash
// handling are tested without loading a model.

const test = require('node:test');
const assert = require('node:assert/strict');
const { Worker } = require('node:worker_threads');
const { once } = require('node:events');
const { WorkerPool } = require('../worker-pool');

// A fake detector worker: ready at once; a job {delayMs, fail, crash} answers after delayMs with
// its worker's thread id and how many jobs that worker is running at that moment.
const FAKE_WORKER = `
const { parentPort, threadId } = require('node:worker_threads');
let running = 0;
parentPort.postMessage({ type: 'ready', loadMs: 1 });
parentPort.on('message', (job) => {
  running += 1;
  const concurrent = running;
  setTimeout(() => {
    running -= 1;
    if (job.crash) process.exit(3);
    if (job.fail) parentPort.postMessage({ type: 'result', id: job.id, ok: false, error: { type: job.fail, message: 'nope' } });
    else parentPort.postMessage({ type: 'result', id: job.id, ok: true, result: { threadId, concurrent, echo: job.echo } });
  }, job.delayMs || 0);
});`;

const fakePool = (options) => new WorkerPool({ createWorker: () => new Worker(FAKE_WORKER, { eval: true }), ...options });

async function readyPool(options) {
  const pool = fakePool(options).start();
  while (!pool.ready) await once(pool, 'ready');
  return pool;
}

test('WorkerPool_beforeWorkersAreReady_reportsNotReady', async () => {
  const pool = fakePool({ size: 2 });
  assert.equal(pool.ready, false);
  assert.equal(pool.readyCount, 0);
  pool.start();
  while (!pool.ready) await once(pool, 'ready');
  assert.equal(pool.readyCount, 2);
  await pool.close();
});

test('WorkerPool_jobsSubmittedBeforeWorkersAreReady_waitAndThenRun', async () => {
  const pool = fakePool({ size: 2, queueLimit: 3 });
  const early = [pool.run({ echo: 'a' }), pool.run({ echo: 'b' }), pool.run({ echo: 'c' })];
  await assert.rejects(pool.run({ echo: 'd' }), { type: 'ThrottlingException' });
  pool.start();
  assert.deepEqual((await Promise.all(early)).map((r) => r.echo), ['a', 'b', 'c']);
  await pool.close();
});

test('WorkerPool_manyJobs_spreadOverWorkersOneJobAtATimeEach', async () => {
  const pool = await readyPool({ size: 2, queueLimit: 10 });
  const results = await Promise.all(Array.from({ length: 8 }, (_, i) => pool.run({ delayMs: 20, echo: i })));
  assert.deepEqual(results.map((r) => r.echo), [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.equal(new Set(results.map((r) => r.threadId)).size, 2);
  assert.ok(results.every((r) => r.concurrent === 1));
  await pool.close();
});

test('WorkerPool_queueFull_rejectsWithThrottlingException', async () => {
  const pool = await readyPool({ size: 1, queueLimit: 1 });
  const running = pool.run({ delayMs: 100 });
  const waiting = pool.run({ delayMs: 0 });
  assert.equal(pool.saturated, true);
  await assert.rejects(pool.run({}), (error) => error.type === 'ThrottlingException' && error.status === 400);
  await Promise.all([running, waiting]);
  assert.equal(pool.saturated, false);
  await pool.close();
});

test('WorkerPool_zeroQueue_acceptsOnlyWhileAWorkerIsIdle', async () => {
  const pool = await readyPool({ size: 1, queueLimit: 0 });
  const running = pool.run({ delayMs: 50 });
  await assert.rejects(pool.run({}), { type: 'ThrottlingException' });
  await running;
  assert.ok(await pool.run({}));
  await pool.close();
});

test('WorkerPool_typedWorkerError_rejectsWithThatRekognitionError', async () => {
  const pool = await readyPool({ size: 1 });
  await assert.rejects(pool.run({ fail: 'InvalidImageFormatException' }), { type: 'InvalidImageFormatException', status: 400, message: 'nope' });
  await pool.close();
});

test('WorkerPool_workerCrash_failsItsJobAndRespawnsTheWorker', async () => {
  const pool = await readyPool({ size: 1, queueLimit: 5 });
  await assert.rejects(pool.run({ crash: true }), { type: 'InternalServerError', status: 500 });
  assert.equal(pool.ready, false);
  await once(pool, 'ready');
  const result = await pool.run({ echo: 'after restart' });
  assert.equal(result.echo, 'after restart');
  await pool.close();
});

test('WorkerPool_workerThatNeverLoads_emitsFatal', async () => {
  const pool = new WorkerPool({
    size: 1,
    createWorker: () => new Worker("require('node:worker_threads').parentPort.postMessage({ type: 'fatal', message: 'model missing' })", { eval: true }),
  }).start();
  const [message] = await once(pool, 'fatal');
  assert.match(message, /model missing/);
  await pool.close();
});

test('WorkerPool_close_rejectsQueuedJobsAndRefusesNewOnes', async () => {
  const pool = await readyPool({ size: 1, queueLimit: 5 });
  const running = assert.rejects(pool.run({ delayMs: 200 }), { type: 'InternalServerError' });
  const queued = assert.rejects(pool.run({}), { type: 'InternalServerError' });
  await pool.close();
  await Promise.all([running, queued]);
  await assert.rejects(pool.run({}), { type: 'InternalServerError' });
});
