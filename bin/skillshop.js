#!/usr/bin/env node
'use strict';
// The one place that ends the process: a command resolves its exit code when it is done, and
// nothing it left open (a socket, a timer) may keep the terminal waiting after that.
require('../dist/cli/main.js').main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error && error.stack ? error.stack : String(error));
    process.exit(1);
  },
);
