/**
 * The skill manifest as certification sees it, with where each value is written: skillshop.json's
 * `manifest` section when there is one (build generates skill.json from it), else a hand-written
 * `platforms/alexaSkill/skill-package/skill.json`.
 */
import { join } from 'node:path';
import { readJsonFile } from '../files';
import { SKILL_MANIFEST_FILE } from '../model/build-skill-package';
import type { ManifestSettings } from '../model/manifest';
import { jsonPath } from '../problems';

/** A value with the file and JSON path it comes from. */
export interface Located<T> {
  value: T;
  file: string;
  path: string;
  /** Not written: the value is what build uses by default. */
  isDefault?: boolean;
}

export interface ManifestLocale {
  locale: string;
  name?: Located<string>;
  description?: Located<string>;
  examplePhrases: Located<string>[];
}

export interface ManifestView {
  file: string;
  allowsPurchases: Located<boolean>;
  isChildDirected: Located<boolean>;
  locales: ManifestLocale[];
}

const SETTINGS_FILE = 'skillshop.json';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The manifest, or undefined when the project has neither source. */
export function readManifestView(dir: string, modelLocales: readonly string[], hasProducts: boolean): ManifestView | undefined {
  const settings = readJsonFile(join(dir, SETTINGS_FILE));
  if (settings.ok && isObject(settings.value) && isObject(settings.value.manifest)) {
    return fromSettings(settings.value.manifest as ManifestSettings, modelLocales, hasProducts);
  }
  const skill = readJsonFile(join(dir, SKILL_MANIFEST_FILE));
  if (skill.ok && isObject(skill.value) && isObject(skill.value.manifest)) return fromSkillJson(skill.value.manifest);
  return undefined;
}

function fromSettings(settings: ManifestSettings, modelLocales: readonly string[], hasProducts: boolean): ManifestView {
  const file = SETTINGS_FILE;
  const text = (locale: string, key: 'name' | 'description'): Located<string> | undefined => {
    const own = settings.locales?.[locale]?.[key];
    if (own !== undefined) return { value: own, file, path: jsonPath('manifest', 'locales', locale, key) };
    const top = settings[key];
    return top !== undefined ? { value: top, file, path: jsonPath('manifest', key) } : undefined;
  };
  const locales = [...modelLocales].sort().map((locale): ManifestLocale => {
    const own = settings.locales?.[locale]?.examplePhrases;
    const phrases = own ?? settings.examplePhrases ?? [];
    const base = own ? ['manifest', 'locales', locale, 'examplePhrases'] : ['manifest', 'examplePhrases'];
    const name = text(locale, 'name');
    const description = text(locale, 'description');
    return {
      locale,
      ...(name ? { name } : {}),
      ...(description ? { description } : {}),
      examplePhrases: phrases.map((value, index) => ({ value, file, path: jsonPath(...base, index) })),
    };
  });
  return {
    file,
    allowsPurchases: settings.allowsPurchases !== undefined
      ? { value: settings.allowsPurchases, file, path: jsonPath('manifest', 'allowsPurchases') }
      : { value: hasProducts, file, path: jsonPath('manifest', 'allowsPurchases'), isDefault: true },
    isChildDirected: settings.isChildDirected !== undefined
      ? { value: settings.isChildDirected, file, path: jsonPath('manifest', 'isChildDirected') }
      : { value: false, file, path: jsonPath('manifest', 'isChildDirected'), isDefault: true },
    locales,
  };
}

function fromSkillJson(manifest: Record<string, unknown>): ManifestView {
  const file = SKILL_MANIFEST_FILE;
  const publishing = isObject(manifest.publishingInformation) ? manifest.publishingInformation : {};
  const privacy = isObject(manifest.privacyAndCompliance) ? manifest.privacyAndCompliance : {};
  const localeTexts = isObject(publishing.locales) ? publishing.locales : {};
  const flag = (key: string): Located<boolean> => ({
    value: privacy[key] === true,
    file,
    path: jsonPath('manifest', 'privacyAndCompliance', key),
    ...(privacy[key] === undefined ? { isDefault: true } : {}),
  });
  const locales = Object.keys(localeTexts).sort().map((locale): ManifestLocale => {
    const texts = isObject(localeTexts[locale]) ? localeTexts[locale] : {};
    const at = (key: string): Located<string> | undefined =>
      typeof texts[key] === 'string' ? { value: texts[key], file, path: jsonPath('manifest', 'publishingInformation', 'locales', locale, key) } : undefined;
    const phrases = Array.isArray(texts.examplePhrases) ? texts.examplePhrases : [];
    const name = at('name');
    const description = at('description');
    return {
      locale,
      ...(name ? { name } : {}),
      ...(description ? { description } : {}),
      examplePhrases: phrases.flatMap((value, index) => typeof value === 'string'
        ? [{ value, file, path: jsonPath('manifest', 'publishingInformation', 'locales', locale, 'examplePhrases', index) }]
        : []),
    };
  });
  return { file, allowsPurchases: flag('allowsPurchases'), isChildDirected: flag('isChildDirected'), locales };
}
