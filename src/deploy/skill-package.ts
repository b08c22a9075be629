/**
 * The skill package as SMAPI imports it: the contents of platforms/alexaSkill/skill-package/
 * (skill.json at the root, interactionModels/custom/<locale>.json, any assets), zipped.
 *
 * Left out: dotfiles, and an `isps/` folder: products are deployed one by one (create, update,
 * link) so that a live product or a live skill's links are never touched; a package import that
 * re-applies associations fails on live skills and blocks the whole deploy.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { skillshopError } from '../errors';
import { SKILL_PACKAGE_DIR, type BuiltFile } from '../model/build-skill-package';
import { filesHash } from './hash';
import { writeZip } from './zip';

export interface SkillPackage {
  /** Paths inside the package (skill.json, interactionModels/custom/en-US.json, …), sorted. */
  files: { name: string; data: Buffer }[];
  hash: string;
}

function walk(dir: string, prefix: string, out: Map<string, Buffer>): void {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const entry of entries) {
    if (entry.startsWith('.')) continue;
    const name = prefix === '' ? entry : posix.join(prefix, entry);
    if (name === 'isps') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path, name, out);
    else out.set(name, readFileSync(path));
  }
}

/**
 * Reads the package folder; `built` (a build result not written, for --dry-run) takes the place
 * of the files it would write.
 */
export function collectSkillPackage(projectDir: string, built: readonly BuiltFile[] = []): SkillPackage {
  const files = new Map<string, Buffer>();
  walk(join(projectDir, SKILL_PACKAGE_DIR), '', files);
  for (const file of built) {
    if (file.file.startsWith(`${SKILL_PACKAGE_DIR}/`)) files.set(file.file.slice(SKILL_PACKAGE_DIR.length + 1), Buffer.from(file.content, 'utf8'));
  }
  if (!files.has('skill.json')) {
    throw skillshopError('DEPLOY_PACKAGE_INVALID', `${SKILL_PACKAGE_DIR}/skill.json is missing: add a "manifest" to skillshop.json (name, summary, description, examplePhrases, category, …) so skillshop build writes it.`);
  }
  const list = [...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, data]) => ({ name, data }));
  return { files: list, hash: filesHash(list) };
}

export function zipSkillPackage(pkg: SkillPackage): Buffer {
  return writeZip(pkg.files);
}
