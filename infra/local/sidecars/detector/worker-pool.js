'use strict';

const { EventEmitter } = require('node:events');
const path = require('node:path');
const { Worker } = require('node:worker_threads');
const { RekognitionError, internalError, throttling } = require('./protocol');

const RESPAWN_DELAY_MS = 500;

/**
 * A fixed set of worker threads, each holding a warm model, fed from a bounded FIFO queue.
 * A job waits in the queue until a worker is idle; when queueLimit jobs are already waiting, run() fails
 * fast with ThrottlingException so callers back off instead of piling up memory.
 *
 * Events: 'ready' (worker index, loadMs) each time a worker has its model loaded;
 * 'warm' (worker index, sinceStartMs, per-model load times) once its other models are loaded too;
 * 'fatal' (message) when a worker cannot load its model at all.
 */
class WorkerPool extends EventEmitter {
  constructor({ size = 2, queueLimit = 32, createWorker = () => new Worker(path.join(__dirname, 'detector-worker.js')) } = {}) {
    super();
    if (!(size >= 1)) throw new RangeError('a pool needs at least one worker');
    this.size = size;
    this.queueLimit = queueLimit;
    this.createWorker = createWorker;
    this.slots = [];
    this.queue = [];
    this.nextJobId = 1;
    this.closed = false;
    this.respawns = new Set();
  }

  start() {
    for (let index = 0; index < this.size; index += 1) this.spawn(index);
    return this;
  }

  get readyCount() {
    return this.slots.filter((slot) => slot && slot.ready).length;
  }

  get ready() {
    return this.readyCount === this.size;
  }

  get busy() {
    return this.slots.filter((slot) => slot && slot.job).length;
  }

  /** True when a new job would have to wait and the waiting queue is already full. */
  get saturated() {
    const idle = this.slots.filter((slot) => slot && slot.ready && !slot.job).length;
    return this.queue.length >= this.queueLimit && this.queue.length >= idle;
  }

  /** Queues a job; resolves with the worker's result or rejects with a RekognitionError. */
  run(payload) {
    if (this.closed) return Promise.reject(internalError('The detector is shutting down.'));
    if (this.saturated) return Promise.reject(throttling());
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextJobId++, payload, resolve, reject });
      this.dispatch();
    });
  }

  async close() {
    this.closed = true;
    for (const timer of this.respawns) clearTimeout(timer);
    this.respawns.clear();
    for (const job of this.queue.splice(0)) job.reject(internalError('The detector is shutting down.'));
    await Promise.all(
      this.slots.map(async (slot) => {
        if (!slot) return;
        slot.job?.reject(internalError('The detector is shutting down.'));
        slot.job = null;
        await slot.worker.terminate();
      }),
    );
  }

  spawn(index) {
    const worker = this.createWorker();
    const slot = { worker, ready: false, job: null, everReady: false };
    this.slots[index] = slot;
    worker.on('message', (message) => this.onMessage(slot, index, message));
    worker.on('error', (error) => {
      process.stderr.write(`detector worker ${index} failed: ${error.stack || error}\n`);
    });
    worker.on('exit', (code) => this.onExit(slot, index, code));
  }

  onMessage(slot, index, message) {
    if (message.type === 'ready') {
      slot.ready = true;
      slot.everReady = true;
      this.emit('ready', index, message.loadMs);
      this.dispatch();
    } else if (message.type === 'warm') {
      this.emit('warm', index, message.sinceStartMs, message.each);
    } else if (message.type === 'fatal') {
      this.emit('fatal', `worker ${index}: ${message.message}`);
    } else if (message.type === 'result' && slot.job && slot.job.id === message.id) {
      const job = slot.job;
      slot.job = null;
      if (message.ok) job.resolve(message.result);
      else job.reject(message.error.type ? new RekognitionError(message.error.type, message.error.message) : internalError(`Internal server error: ${message.error.message}`));
      this.dispatch();
    }
  }

  onExit(slot, index, code) {
    slot.ready = false;
    if (slot.job) {
      slot.job.reject(internalError(`The detector worker stopped (exit code ${code}) while processing the image.`));
      slot.job = null;
    }
    if (this.closed || this.slots[index] !== slot) return;
    // A crash after a successful start is worth a restart; one before it would only repeat.
    if (slot.everReady) {
      const timer = setTimeout(() => {
        this.respawns.delete(timer);
        this.spawn(index);
      }, RESPAWN_DELAY_MS);
      this.respawns.add(timer);
    } else {
      this.emit('fatal', `worker ${index} exited with code ${code} before its model loaded`);
    }
  }

  dispatch() {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot || !slot.ready || slot.job) continue;
      const job = this.queue.shift();
      slot.job = job;
      slot.worker.postMessage({ id: job.id, ...job.payload });
    }
  }
}

module.exports = { WorkerPool };
