#!/usr/bin/env node
// The reliability suite (test/reliability/*.reliability.ts): fuzzing a real `skillshop run`,
// redelivered purchase results, and races on a real database. Slower than `npm test` (a minute or
// two), so it is its own command: `npm run test:reliability [-- <filter>…] [--no-build]`.
// The servers it starts run the built CLI, so it builds first (unless --no-build).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const build = !args.includes('--no-build');
const filters = args.filter((arg) => arg !== '--no-build');

if (build) {
  // The project's own build (`npm run build`): the compiled code plus what the build generates.
  const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) {
    console.error('reliability: the build failed; fix it (or pass --no-build to test the dist/ there is).');
    process.exit(built.status ?? 1);
  }
}

const dir = join(root, 'test', 'reliability');
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.reliability.ts'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort()
  .map((file) => join('test', 'reliability', file));
if (files.length === 0) {
  console.error(`no reliability files match ${filters.join(' ')}`);
  process.exit(1);
}
// One file at a time: the checks measure memory and race on shared machines; they must not compete.
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', '--test-timeout=600000', ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
