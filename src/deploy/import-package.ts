/**
 * The skill package half of a deploy, as `ask deploy` does it: get an upload URL, PUT the zip,
 * start the import (a new skill, or into the existing one), poll it to the end. The import id is
 * recorded before polling, so a deploy interrupted while Amazon imports finds the skill it
 * created instead of creating a second one.
 */
import { skillshopError } from '../errors';
import { INTERACTION_MODELS_DIR, SKILL_MANIFEST_FILE } from '../model/build-skill-package';
import type { DeployEventHandler } from './events';
import { formatViolations, redactTokens, toViolations, type Violation } from './smapi-errors';
import type { ImportStatus, SmapiClient } from './smapi-client';
import type { DeployState } from './state';
import { zipSkillPackage, type SkillPackage } from './skill-package';

/** ASK CLI v2: first poll after 2 s, each wait 1.1 times the last (lib/utils/constants.js). */
const POLL_FIRST_MS = 2000;
const POLL_FACTOR = 1.1;
const POLL_MAX_MS = 15_000;
const POLL_MAX_TRIES = 80; // about 15 minutes

const FINAL_FAILURES = new Set(['FAILED', 'ROLLBACK_SUCCEEDED', 'ROLLBACK_FAILED']);

/** Polls an import until it is no longer IN_PROGRESS; reports each change of status. */
export async function waitForImport(
  client: SmapiClient,
  importId: string,
  onStatus: (status: ImportStatus) => void,
): Promise<ImportStatus> {
  let delay = POLL_FIRST_MS;
  let last = '';
  for (let tries = 0; tries < POLL_MAX_TRIES; tries++) {
    const status = await client.getImportStatus(importId);
    const summary = JSON.stringify([status.status, status.skill?.skillId, (status.skill?.resources ?? []).map((r) => [r.name, r.status])]);
    if (summary !== last) onStatus(status);
    last = summary;
    if (status.status !== 'IN_PROGRESS') return status;
    await client.sleep(Math.round(delay * client.delayScale));
    delay = Math.min(delay * POLL_FACTOR, POLL_MAX_MS);
  }
  throw skillshopError('DEPLOY_HTTP', `The skill package import ${importId} is still IN_PROGRESS after ${POLL_MAX_TRIES} checks. Run the deploy again later: it picks the import up where it is.`, { details: { operation: 'get-import-status', importId } });
}

/** The project file a package resource comes from, for messages. */
function resourceFile(name: string | undefined): string | undefined {
  if (!name) return undefined;
  if (/^manifest$/i.test(name)) return `${SKILL_MANIFEST_FILE} (from skillshop.json "manifest")`;
  const locale = /^InteractionModel[._]([a-z]{2}[-_][A-Z]{2})$/i.exec(name)?.[1]?.replace('_', '-');
  if (locale) return `${INTERACTION_MODELS_DIR}/${locale}.json (from models/${locale}.json)`;
  return name;
}

/** Every error of a finished import, one line each, with the file it is about. */
export function importErrorLines(status: ImportStatus): { lines: string[]; violations: (Violation & { resource?: string })[] } {
  const violations: (Violation & { resource?: string })[] = [];
  const lines: string[] = [];
  for (const violation of toViolations(status.errors)) {
    violations.push(violation);
    lines.push(...formatViolations([violation]));
  }
  for (const resource of status.skill?.resources ?? []) {
    const found = toViolations(resource.errors);
    for (const violation of found) violations.push({ ...violation, ...(resource.name ? { resource: resource.name } : {}) });
    lines.push(...formatViolations(found, resourceFile(resource.name)));
    if (found.length === 0 && FINAL_FAILURES.has(resource.status)) lines.push(`  ${resourceFile(resource.name) ?? 'a resource'}: ${resource.status}`);
  }
  return { lines, violations };
}

/** Uploads and imports the package; returns the skill id. Records progress in `state` as it goes. */
export async function importSkillPackage(params: {
  client: SmapiClient;
  state: DeployState;
  pkg: SkillPackage;
  skillId: string | undefined;
  vendorId: string;
  onEvent: DeployEventHandler;
}): Promise<string> {
  const { client, state, pkg, onEvent } = params;
  const zip = zipSkillPackage(pkg);
  const upload = await client.createUpload();
  onEvent({ type: 'upload', bytes: zip.length, files: pkg.files.length });
  await client.uploadPackage(upload.uploadUrl, zip);
  const importId = await client.importPackage({ ...(params.skillId ? { skillId: params.skillId } : { vendorId: params.vendorId }), location: upload.uploadUrl });
  state.setSkillPackage({ pendingImportId: importId });
  onEvent({ type: 'import', importId, newSkill: !params.skillId });
  let skillId = params.skillId;
  const final = await waitForImport(client, importId, (status) => {
    const found = status.skill?.skillId;
    if (found && !skillId) {
      skillId = found;
      state.setSkillId(found); // at once: an interruption from here on must not create a second skill
      onEvent({ type: 'skill', skillId: found, created: true });
    }
    onEvent({ type: 'import-status', status: status.status, resources: (status.skill?.resources ?? []).map((r) => ({ name: r.name ?? '?', status: r.status })) });
  });
  state.setSkillPackage({ pendingImportId: undefined, ...(final.status === 'SUCCEEDED' ? { hash: pkg.hash } : {}) });
  if (final.status !== 'SUCCEEDED') {
    const { lines, violations } = importErrorLines(final);
    throw skillshopError('DEPLOY_IMPORT_FAILED', redactTokens(`The skill package import ended ${final.status}${lines.length > 0 ? ':\n' + lines.join('\n') : '.'}\nFix the files named, then deploy again.`), {
      details: { operation: 'get-import-status', importId, status: final.status, violations, ...(skillId ? { skillId } : {}) },
    });
  }
  if (!skillId) throw skillshopError('DEPLOY_HTTP', `The import ${importId} SUCCEEDED but Amazon named no skill id.`, { details: { operation: 'get-import-status', importId } });
  return skillId;
}
