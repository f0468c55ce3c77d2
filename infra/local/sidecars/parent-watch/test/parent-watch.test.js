'use strict';
// parent-watch.js as the host uses it: a sidecar started through it exits once the process that started it is killed.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { processExists, watchParent } = require('../parent-watch');

const WATCH = path.join(__dirname, '..', 'parent-watch.js');

/** Gone, or a zombie nobody has reaped yet (it has exited either way). */
function hasExited(pid) {
  if (!processExists(pid)) return true;
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].startsWith('Z');
  } catch {
    return true;
  }
}

async function waitFor(condition, withinMs) {
  const deadline = Date.now() + withinMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** Lines written to a stream, as they come. */
function lines(stream) {
  const seen = [];
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop();
    seen.push(...parts);
  });
  return seen;
}

test('cli_parentKilled_theToolItRunsExitsWithinSeconds', { skip: process.platform === 'linux' ? false : '/proc is Linux' }, async (t) => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'parent-watch-'));
  t.after(() => fs.rmSync(folder, { recursive: true, force: true }));
  // A stand-in for dynalite's cli.js: says what it was started with, then serves until stopped.
  const tool = path.join(folder, 'tool.js');
  fs.writeFileSync(tool, "process.stdout.write(`tool ${process.pid} ${JSON.stringify(process.argv.slice(1))}\\n`); require('node:http').createServer().listen(0, '127.0.0.1');\n");
  // The host's part: start the tool through parent-watch.js, then wait to be killed.
  const parent = spawn(process.execPath, ['-e', `
    const { spawn } = require('node:child_process');
    spawn(process.execPath, [${JSON.stringify(WATCH)}, '--parent-pid', String(process.pid), ${JSON.stringify(tool)}, '--port', '4567'], { stdio: ['ignore', 'inherit', 'inherit'] });
    setInterval(() => {}, 1000);
  `], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => parent.kill('SIGKILL'));
  const output = lines(parent.stdout);

  assert.ok(await waitFor(() => output.some((line) => line.startsWith('tool ')), 10_000), `the tool did not start: ${output.join(' | ')}`);
  const [, pidText, argv] = output.find((line) => line.startsWith('tool ')).match(/^tool (\d+) (.*)$/);
  const toolPid = Number(pidText);
  t.after(() => { if (!hasExited(toolPid)) process.kill(toolPid, 'SIGKILL'); });
  assert.deepEqual(JSON.parse(argv), [tool, '--port', '4567'], 'the tool sees its own path and arguments, as if started directly');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.equal(hasExited(toolPid), false, 'the tool runs while its parent does');

  parent.kill('SIGKILL');

  assert.ok(await waitFor(() => hasExited(toolPid), 5_000), 'the tool outlived its parent by more than 5 s');
});

test('cli_parentNotRunning_refusesToStart', async () => {
  const child = spawn(process.execPath, [WATCH, '--parent-pid', '999999999', __filename], { stdio: ['ignore', 'ignore', 'pipe'] });
  const errors = lines(child.stderr);
  const [code] = await new Promise((resolve) => child.on('exit', (...result) => resolve(result)));
  assert.equal(code, 1);
  assert.match(errors.join('\n'), /parent 999999999 is not running/);
});

test('cli_withoutParentPid_printsUsage', async () => {
  const child = spawn(process.execPath, [WATCH, __filename], { stdio: ['ignore', 'ignore', 'pipe'] });
  const errors = lines(child.stderr);
  const [code] = await new Promise((resolve) => child.on('exit', (...result) => resolve(result)));
  assert.equal(code, 2);
  assert.match(errors.join('\n'), /usage: node parent-watch\/parent-watch\.js --parent-pid PID SCRIPT/);
});

test('watchParent_parentAlive_neverCalls', async () => {
  let called = false;
  const timer = watchParent(process.ppid, () => { called = true; }, 20);
  await new Promise((resolve) => setTimeout(resolve, 200));
  clearInterval(timer);
  assert.equal(called, false);
});

test('watchParent_pidGone_callsOnce', async () => {
  let calls = 0;
  watchParent(999999999, () => { calls += 1; }, 20);
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(calls, 1);
});
