#!/usr/bin/env node
'use strict';
// The one place that ends the process: a command resolves its exit code when it is done, and
// nothing it left open (a socket, a timer) may keep the terminal waiting after that. Output to a
// pipe is written asynchronously, so the process ends only once stdout and stderr have flushed
// (a large `--json` report would otherwise be cut off).
function exitWhenFlushed(code) {
  let pending = 2;
  const done = () => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

require('../dist/cli/main.js').main(process.argv.slice(2)).then(
  (code) => exitWhenFlushed(code),
  (error) => {
    console.error(error && error.stack ? error.stack : String(error));
    exitWhenFlushed(1);
  },
);
