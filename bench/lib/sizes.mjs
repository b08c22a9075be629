// The installed size of an entry's production dependency tree: every package reachable through
// `dependencies` (and installed `optionalDependencies`) from the entry's direct dependencies,
// resolved the way Node does (node_modules folders upward), each counted once. Size is the sum of
// file sizes in the package folder, not counting its own nested node_modules (walked as packages).
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function folderBytes(dir) {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = folderBytes(path);
      bytes += inner.bytes;
      files += inner.files;
    } else {
      bytes += lstatSync(path).size;
      files += 1;
    }
  }
  return { bytes, files };
}

function resolvePackage(name, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * @param {string} baseDir where the direct dependencies are resolved from
 * @param {string[]} direct the entry's own dependencies
 * @param {{ own?: { dir: string, paths: string[] } }} options the entry's own published files, if any
 */
export function dependencyTreeSize(baseDir, direct, options = {}) {
  const seen = new Map();
  const missing = [];
  const queue = direct.map((name) => ({ name, from: baseDir, optional: false }));
  while (queue.length > 0) {
    const { name, from, optional } = queue.shift();
    const dir = resolvePackage(name, from);
    if (dir === undefined) {
      if (!optional) missing.push(name);
      continue;
    }
    if (seen.has(dir)) continue;
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    seen.set(dir, { name: manifest.name, version: manifest.version, ...folderBytes(dir) });
    for (const dep of Object.keys(manifest.dependencies ?? {})) queue.push({ name: dep, from: dir, optional: false });
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) queue.push({ name: dep, from: dir, optional: true });
  }
  let ownBytes = 0;
  if (options.own) {
    for (const path of options.own.paths) {
      const full = join(options.own.dir, path);
      if (!existsSync(full)) continue;
      ownBytes += lstatSync(full).isDirectory() ? folderBytes(full).bytes : lstatSync(full).size;
    }
  }
  const packages = [...seen.values()];
  const depBytes = packages.reduce((sum, p) => sum + p.bytes, 0);
  const largest = [...packages].sort((a, b) => b.bytes - a.bytes).slice(0, 5).map((p) => ({ name: p.name, bytes: p.bytes }));
  return { bytes: ownBytes + depBytes, ownBytes, packages: packages.length, largest, missing };
}
