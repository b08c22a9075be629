/**
 * What the simulator needs from a project: the interaction model per locale (built in memory from
 * models/, so the simulator always runs the current model; or read from a built or ASK CLI skill
 * package), the product catalog, and the skill id.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { skillshopError } from '../errors';
import { readJsonFile } from '../files';
import { loadCatalog, type CatalogProduct } from '../isp/catalog';
import { buildSkillPackage, INTERACTION_MODELS_DIR, MODELS_DIR } from '../model/build-skill-package';
import { formatProblem, hasErrors, type Problem } from '../problems';
import { readProjectSettings } from '../app/project';
import type { InteractionModelFile } from './nlu';

/** What Alexa uses when the project names no skill id. */
export const SIMULATOR_SKILL_ID = 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000';

export interface SimulationProject {
  dir: string;
  skillId: string;
  /** Interaction model per locale. */
  models: Record<string, InteractionModelFile>;
  products: CatalogProduct[];
  /** Warnings and notices of the build (errors throw). */
  problems: Problem[];
}

const SKILL_PACKAGE_MODEL_DIRS = [INTERACTION_MODELS_DIR, 'skill-package/interactionModels/custom'];

export function loadSimulationProject(dir: string): SimulationProject {
  const settings = readProjectSettings(dir);
  const skillId = settings.skillId ?? SIMULATOR_SKILL_ID;
  const catalog = loadCatalog(dir);
  if (existsSync(join(dir, MODELS_DIR))) {
    const build = buildSkillPackage(dir, { catalog });
    if (hasErrors(build.problems)) {
      const errors = build.problems.filter((p) => p.severity === 'error');
      throw skillshopError('BUILD_FAILED', `The project does not build, so it cannot be simulated:\n${errors.map(formatProblem).join('\n')}`, {
        details: { problems: errors },
      });
    }
    const models: Record<string, InteractionModelFile> = {};
    for (const file of build.files) {
      const match = /interactionModels\/custom\/([^/]+)\.json$/.exec(file.file);
      if (match) models[match[1]!] = JSON.parse(file.content) as InteractionModelFile;
    }
    return { dir, skillId, models, products: catalog.products, problems: build.problems };
  }
  for (const modelDir of SKILL_PACKAGE_MODEL_DIRS) {
    const models = readModelDir(join(dir, modelDir));
    if (models) return { dir, skillId, models, products: catalog.products, problems: catalog.problems };
  }
  throw skillshopError(
    'PROJECT_NOT_FOUND',
    `No language model in ${dir}: expected models/<locale>.json (or a built ${INTERACTION_MODELS_DIR}/). ` +
      'Run the simulator in the skill\'s project folder (or pass --cwd <dir>).',
  );
}

function readModelDir(dir: string): Record<string, InteractionModelFile> | undefined {
  if (!existsSync(dir)) return undefined;
  const models: Record<string, InteractionModelFile> = {};
  for (const entry of readdirSync(dir).filter((name) => name.endsWith('.json')).sort()) {
    const read = readJsonFile(join(dir, entry));
    if (!read.ok) throw skillshopError('BUILD_FAILED', `${join(dir, entry)}: ${read.message}`);
    models[entry.slice(0, -'.json'.length)] = read.value as InteractionModelFile;
  }
  return Object.keys(models).length > 0 ? models : undefined;
}
