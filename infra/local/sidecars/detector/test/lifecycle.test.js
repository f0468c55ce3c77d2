'use strict';

// How the detector process starts and stops, as the local host drives it.

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { request, startDetector } = require('../test-support/harness');

const SERVER = path.join(__dirname, '..', 'server.js');

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('server_sigterm_stopsCleanlyWithExitCodeZero', async () => {
  const detector = await startDetector(['--workers', '1']);
  assert.equal((await request(detector.url, { method: 'GET', path: '/health' })).json.workers, 1);
  const { code, signal } = await detector.stop();
  assert.equal(signal, null);
  assert.equal(code, 0);
});

test('server_badArguments_exitsWithUsage', () => {
  const result = spawnSync(process.execPath, [SERVER, '--port', 'x'], { encoding: 'utf8' });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /usage: node detector\/server.js/);
  assert.equal(result.stdout, '');
});

test('server_parentPid_stopsWhenThatProcessIsGone', async () => {
  // A stand-in host that is killed with SIGKILL, so it cannot stop the detector itself.
  const host = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const detector = await startDetector(['--workers', '1', '--parent-pid', String(host.pid)]);
  assert.ok(alive(detector.pid));
  host.kill('SIGKILL');
  const deadline = Date.now() + 10_000;
  while (alive(detector.pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  const stillAlive = alive(detector.pid);
  const { code } = await detector.stop();
  assert.equal(stillAlive, false, 'the detector outlived its host');
  assert.equal(code, 0);
});
