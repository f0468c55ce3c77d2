'use strict';

const { createHash } = require('node:crypto');

// ProcessImage asks for labels, faces, text and moderation of one photo at the same moment, and
// DetectLabels needs the face and text analyses too (for its "Face" and "Text" labels). Sharing one
// in-flight or recent analysis per (image bytes, analysis) keeps tesseract and the face models from
// running twice on the same photo.
const KEEP_MS = 30_000;
// Not a few dozen: in a burst the pool's queue fills, a call refused meanwhile comes back after its backoff, and by
// then hundreds of other analyses have finished. With 64 kept, such calls ran their analysis again (a 200-upload
// burst: 1.3 images/s; with 1,024, 1.6 in the same conditions). An entry is a hash and a small result.
const MAX_ENTRIES = 1024;

class SharedAnalyses {
  /** @param {(payload: object) => Promise<object>} run runs a worker job */
  constructor(run, { keepMs = KEEP_MS, maxEntries = MAX_ENTRIES, now = () => Date.now() } = {}) {
    this.run = run;
    this.keepMs = keepMs;
    this.maxEntries = maxEntries;
    this.now = now;
    this.entries = new Map();
  }

  /** Runs (or joins) the worker job {bytes, [analysis]: true} and resolves with its result. */
  get(bytes, analysis) {
    const key = `${createHash('sha256').update(bytes).digest('hex')}:${analysis}`;
    const now = this.now();
    for (const [k, entry] of this.entries) {
      if (entry.expires !== undefined && entry.expires <= now) this.entries.delete(k);
    }
    const existing = this.entries.get(key);
    if (existing) return existing.promise;
    const entry = { expires: undefined };
    entry.promise = this.run({ bytes, [analysis]: true }).then(
      (result) => {
        entry.expires = this.now() + this.keepMs;
        return result;
      },
      (error) => {
        this.entries.delete(key); // failures are not shared with later callers
        throw error;
      },
    );
    this.entries.set(key, entry);
    // Over the limit, the oldest finished analyses go. One still queued or running stays: the call that joins it
    // (DetectFaces after DetectLabels of the same upload) would otherwise run it again, and a burst of uploads
    // queues far more than maxEntries. Running ones are bounded by the worker pool's queue.
    for (const [k, other] of this.entries) {
      if (this.entries.size <= this.maxEntries) break;
      if (other.expires !== undefined) this.entries.delete(k);
    }
    return entry.promise;
  }
}

module.exports = { SharedAnalyses };
