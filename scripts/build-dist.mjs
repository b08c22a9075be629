#!/usr/bin/env node
// The steps of the build after `tsc`, on dist/ (deterministic: the same sources give the same files):
//   1. dist/alexa/request-checks.generated.js: the request envelope checks, generated from the one
//      TypeBox schema (src/alexa/request.ts) by requestChecksSource() — a skill starts without
//      loading TypeBox or compiling validators;
//   2. dist/index.js loads each module it re-exports on first use: require('skillshop') for a
//      skill does not load the model, catalog, storage-driver or deploy tooling it never calls.
//      The exports, their names and dist/index.d.ts are tsc's, unchanged; each getter keeps the
//      form `return x_1.Name` that Node's CommonJS export detection reads for `import { … }`.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const require = createRequire(import.meta.url);

// 1. Generated envelope checks.
const { requestChecksSource } = require(join(dist, 'alexa', 'request-checks.js'));
writeFileSync(join(dist, 'alexa', 'request-checks.generated.js'), requestChecksSource());

// 2. Lazy re-exports. Every line of tsc's index.js must be one of the shapes below: anything else
//    (say an `export *`) stops the build rather than produce a half-lazy index.
const indexFile = join(dist, 'index.js');
const lines = readFileSync(indexFile, 'utf8').split('\n');
const requireLine = /^var (\w+) = require\(("\.\/[\w./-]+")\);$/;
const known = [
  /^"use strict";$/,
  /^Object\.defineProperty\(exports, "__esModule", \{ value: true \}\);$/,
  /^(exports\.\w+ = )+void 0;$/,
  /^Object\.defineProperty\(exports, "\w+", \{ enumerable: true, get: function \(\) \{ return \w+\.\w+; \} \}\);$/,
  /^\/\*\*$|^ \*( .*)?$|^ \*\/$|^\/\/ .*$|^\/\/# sourceMappingURL=index\.js\.map$|^$/,
];
let lazy = 0;
const out = lines.map((line, number) => {
  const match = requireLine.exec(line);
  if (match) {
    lazy += 1;
    return `var ${match[1]} = lazyModule(() => require(${match[2]}));`;
  }
  if (line.startsWith('function lazyModule(')) throw new Error('dist/index.js is already lazy: run tsc first (npm run build)');
  if (!known.some((shape) => shape.test(line))) throw new Error(`dist/index.js line ${number + 1}: unexpected shape, update scripts/build-dist.mjs: ${line}`);
  return line;
});
if (lazy === 0) throw new Error('dist/index.js re-exports nothing: update scripts/build-dist.mjs');
// Appended (hoisted), so every line above keeps its number and index.js.map stays right.
const mapLine = out.findIndex((line) => line.startsWith('//# sourceMappingURL='));
out.splice(mapLine === -1 ? out.length : mapLine, 0,
  '/** The module `load` returns, loaded on its first property read. */',
  'function lazyModule(load) {',
  '    let loaded;',
  '    return new Proxy({}, { get: (_target, name) => (loaded ??= load())[name] });',
  '}');
writeFileSync(indexFile, out.join('\n'));
console.log(`dist: envelope checks generated; index.js loads its ${lazy} modules on first use`);
