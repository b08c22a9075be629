'use strict';
// The start-up experiment behind the cold-start figures in bench/README.md: a copy of dist/ where
//   1. index.js loads each re-exported module on first use (the CLI, model, catalog and storage
//      tooling a request never needs are no longer loaded by require('skillshop')), and
//   2. alexa/validate-request.js checks envelopes with the code TypeBox generates for the schemas,
//      generated here once (what a build step would do), so TypeBox itself is loaded only to word
//      the error for an invalid request.
// Not a patch to apply: the proof of what the change buys. Measure it with
//   node bench/experiments/lazy-start.cjs /tmp/skillshop-lazy && npm run bench -- --exp /tmp/skillshop-lazy/dist --only bare,skillshop,ask-sdk,skillshop-exp
const { cpSync, readFileSync, rmSync, symlinkSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '../..');
const target = resolve(process.argv[2] || '/tmp/skillshop-lazy');
rmSync(target, { recursive: true, force: true });
cpSync(join(root, 'dist'), join(target, 'dist'), { recursive: true });
cpSync(join(root, 'package.json'), join(target, 'package.json'));
symlinkSync(join(root, 'node_modules'), join(target, 'node_modules'));

const { TypeCompiler } = require(join(root, 'node_modules/@sinclair/typebox/compiler'));
const schemas = require(join(target, 'dist/alexa/request.js'));

const indexFile = join(target, 'dist/index.js');
const index = readFileSync(indexFile, 'utf8').replace(
  /var (\w+) = require\("([^"]+)"\);/g,
  (_, name, path) => `var ${name}__m; const ${name} = new Proxy({}, { get: (_t, k) => (${name}__m ??= require("${path}"))[k] });`,
);
writeFileSync(indexFile, index);

const code = (name) => `{ Check: (function () { ${TypeCompiler.Code(schemas[name])} })(), ...lazyErrors('${name}') }`;
const validateFile = join(target, 'dist/alexa/validate-request.js');
const validate = readFileSync(validateFile, 'utf8')
  .replace('const compiler_1 = require("@sinclair/typebox/compiler");\n', '')
  .replace('const request_1 = require("./request");\n', '')
  .replace(
    /const envelopeCheck = [\s\S]*?\n};\n/,
    `const lazyErrors = (name) => ({ Errors: (value) => require("@sinclair/typebox/compiler").TypeCompiler.Compile(require("./request")[name]).Errors(value) });
const envelopeCheck = ${code('RequestEnvelopeSchema')};
const requestChecks = {
  LaunchRequest: ${code('LaunchRequestSchema')},
  IntentRequest: ${code('IntentRequestSchema')},
  SessionEndedRequest: ${code('SessionEndedRequestSchema')},
  'Connections.Response': ${code('ConnectionsResponseSchema')},
};
`,
  );
if (!validate.includes('lazyErrors')) throw new Error('dist/alexa/validate-request.js has changed shape; update this experiment');
writeFileSync(validateFile, validate);
process.stdout.write(`${target}/dist\n`);
