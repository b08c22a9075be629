'use strict';
// Preloaded by bench/profile.mjs: end on SIGTERM through process.exit, so that --cpu-prof writes
// its profile (a plain signal death writes nothing). skillshop's own graceful shutdown still runs
// first where the server installs it.
process.on('SIGTERM', () => setTimeout(() => process.exit(0), 200));
