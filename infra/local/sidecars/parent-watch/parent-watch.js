'use strict';
// Ends a sidecar when the host that started it is gone. A host killed with SIGKILL (a crash, the OOM killer) cannot
// stop its children; without this check dynalite and maildev outlived it, holding their ports and the machine's CPU.
//
//   node parent-watch/parent-watch.js --parent-pid PID SCRIPT [ARGS...]
//     runs SCRIPT (a Node command-line tool: dynalite's cli.js, maildev's bin) in this process, as if started directly,
//     and exits once PID is gone;
//   require('../parent-watch/parent-watch').watchParent(pid, onGone)
//     the same check, for a sidecar of our own (the detector), which stops its workers first.

const path = require('node:path');

const USAGE = 'usage: node parent-watch/parent-watch.js --parent-pid PID SCRIPT [ARGS...]';
// How often the parent is looked for: a second of an orphan is harmless, a busier check is not.
const POLL_MS = 1000;

function processExists(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM'; // exists, owned by someone else
  }
}

/**
 * Calls onGone once, soon after pid is gone. Gone means this process was handed to another parent (pid was its
 * parent), or pid no longer exists. The timer never keeps the process alive by itself.
 */
function watchParent(pid, onGone, pollMs = POLL_MS) {
  const wasParent = process.ppid === pid;
  const timer = setInterval(() => {
    if ((wasParent && process.ppid !== pid) || !processExists(pid)) {
      clearInterval(timer);
      onGone();
    }
  }, pollMs);
  timer.unref();
  return timer;
}

function main(argv) {
  const [flag, pidText, script, ...args] = argv;
  if (flag !== '--parent-pid' || !/^[1-9][0-9]*$/.test(pidText ?? '') || !script) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const pid = Number(pidText);
  if (!processExists(pid)) {
    process.stderr.write(`parent ${pid} is not running; not starting ${script}\n`);
    process.exit(1);
  }
  watchParent(pid, () => process.exit(0));
  const resolved = path.resolve(script);
  // The tool reads its options from process.argv, as when it is started on its own.
  process.argv = [process.argv[0], resolved, ...args];
  require(resolved);
}

if (require.main === module) main(process.argv.slice(2));

module.exports = { processExists, watchParent };
