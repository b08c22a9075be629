/**
 * The skill manifest, `platforms/alexaSkill/skill-package/skill.json`, generated from skillshop.json
 * (https://developer.amazon.com/en-US/docs/alexa/smapi/skill-manifest.html). Build writes it only
 * when skillshop.json has a `manifest` object. The keys read from skillshop.json:
 *
 * ```json
 * { "endpoint": "https://skill.example.com/webhook",      // or an AWS Lambda ARN
 *   "manifest": {
 *     "name": "Cave Quest",                                 // default: the invocation name, capitalized
 *     "summary": "…", "description": "…", "examplePhrases": ["Alexa, open cave quest"], "keywords": ["cave"],
 *     "smallIconUri": "https://…108.png", "largeIconUri": "https://…512.png",
 *     "category": "GAMES", "distributionCountries": ["US"], "isAvailableWorldwide": false,
 *     "testingInstructions": "…", "privacyPolicyUrl": "https://…", "termsOfUseUrl": "https://…",
 *     "sslCertificateType": "Trusted",                      // https endpoints: Trusted | Wildcard | SelfSigned
 *     "allowsPurchases": true,                              // default: true when the catalog has products
 *     "usesPersonalInfo": false, "isChildDirected": false, "containsAds": false, "isExportCompliant": true,
 *     "locales": { "de-DE": { "name": "Höhlenabenteuer", "examplePhrases": ["Alexa, öffne höhlen abenteuer"] } },
 *     "alexa": { "apis": { "custom": { "interfaces": [] } } } // raw skill.json `manifest` parts, merged last
 *   } }
 * ```
 *
 * Each locale of the built models gets a `publishingInformation.locales` entry (top-level values,
 * overridden by `locales[<locale>]`).
 */
import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { Problem } from '../problems';
import { jsonPath } from '../problems';
import { schemaProblems } from './schema-problems';
import { deepMerge } from './to-interaction-model';

const strict = { additionalProperties: false } as const;

const localeTexts = {
  name: Type.Optional(Type.String()),
  summary: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  examplePhrases: Type.Optional(Type.Array(Type.String())),
  keywords: Type.Optional(Type.Array(Type.String())),
  smallIconUri: Type.Optional(Type.String()),
  largeIconUri: Type.Optional(Type.String()),
  privacyPolicyUrl: Type.Optional(Type.String()),
  termsOfUseUrl: Type.Optional(Type.String()),
};

export const ManifestSettingsSchema = Type.Object({
  ...localeTexts,
  category: Type.Optional(Type.String()),
  distributionCountries: Type.Optional(Type.Array(Type.String())),
  isAvailableWorldwide: Type.Optional(Type.Boolean()),
  testingInstructions: Type.Optional(Type.String()),
  sslCertificateType: Type.Optional(Type.Union([Type.Literal('Trusted'), Type.Literal('Wildcard'), Type.Literal('SelfSigned')])),
  allowsPurchases: Type.Optional(Type.Boolean()),
  usesPersonalInfo: Type.Optional(Type.Boolean()),
  isChildDirected: Type.Optional(Type.Boolean()),
  containsAds: Type.Optional(Type.Boolean()),
  isExportCompliant: Type.Optional(Type.Boolean()),
  locales: Type.Optional(Type.Record(Type.String(), Type.Object(localeTexts, strict))),
  alexa: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
}, strict);
export type ManifestSettings = Static<typeof ManifestSettingsSchema>;

/** The skillshop.json keys build reads; the file's other keys belong to other commands. */
export const BuildSettingsSchema = Type.Object({
  endpoint: Type.Optional(Type.String()),
  manifest: Type.Optional(ManifestSettingsSchema),
}, { additionalProperties: true });
export type BuildSettings = Static<typeof BuildSettingsSchema>;

const settingsCheck = TypeCompiler.Compile(BuildSettingsSchema);

/** `{ "manifest": { … } }` as written to skill.json. */
export interface SkillManifestFile {
  manifest: Record<string, unknown>;
}

export function buildSettingsProblems(settings: unknown, file: string): Problem[] {
  const problems = schemaProblems(settingsCheck, settings, file, 'settings');
  const endpoint = (settings as BuildSettings).endpoint;
  if (typeof endpoint === 'string' && endpointProblem(endpoint) !== undefined) {
    problems.push({
      severity: 'error', file, path: jsonPath('endpoint'), rule: 'settings/endpoint',
      message: endpointProblem(endpoint)!, fix: 'Use the https:// URL Alexa should post to, or an AWS Lambda ARN (arn:aws:lambda:<region>:<account>:function:<name>).',
    });
  }
  return problems;
}

function endpointProblem(endpoint: string): string | undefined {
  if (/^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/.test(endpoint)) return undefined;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return `"${endpoint}" is neither an https URL nor an AWS Lambda function ARN.`;
  }
  return url.protocol === 'https:' ? undefined : `Alexa calls only https endpoints, not "${endpoint}".`;
}

function capitalized(invocation: string): string {
  return invocation.replace(/(^|\s)(\p{Ll})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());
}

export interface ManifestInput {
  settings: BuildSettings;
  /** Locale → invocation name, for every built model. */
  invocations: Record<string, string | undefined>;
  hasProducts: boolean;
  file: string;
}

/** skill.json for the built locales, with the problems of the manifest settings. */
export function buildManifest(input: ManifestInput): { manifest: SkillManifestFile; problems: Problem[] } {
  const settings = input.settings.manifest ?? {};
  const problems: Problem[] = [];
  const locales = Object.keys(input.invocations).sort();
  for (const locale of Object.keys(settings.locales ?? {})) {
    if (!locales.includes(locale)) {
      problems.push({
        severity: 'warning', file: input.file, path: jsonPath('manifest', 'locales', locale), rule: 'manifest/locale-unused',
        message: `There is no models/${locale}.json, so these texts are not used.`, fix: `Add models/${locale}.json, or remove the entry.`,
      });
    }
  }
  const publishingLocales: Record<string, unknown> = {};
  const privacyLocales: Record<string, unknown> = {};
  for (const locale of locales) {
    const texts = { ...settings, ...(settings.locales?.[locale] ?? {}) };
    const invocation = input.invocations[locale];
    const name = texts.name ?? (invocation ? capitalized(invocation) : undefined);
    publishingLocales[locale] = {
      ...(name !== undefined ? { name } : {}),
      ...(texts.summary !== undefined ? { summary: texts.summary } : {}),
      ...(texts.description !== undefined ? { description: texts.description } : {}),
      ...(texts.smallIconUri !== undefined ? { smallIconUri: texts.smallIconUri } : {}),
      ...(texts.largeIconUri !== undefined ? { largeIconUri: texts.largeIconUri } : {}),
      ...(texts.examplePhrases !== undefined ? { examplePhrases: texts.examplePhrases } : {}),
      ...(texts.keywords !== undefined ? { keywords: texts.keywords } : {}),
    };
    if (texts.privacyPolicyUrl !== undefined || texts.termsOfUseUrl !== undefined) {
      privacyLocales[locale] = {
        ...(texts.privacyPolicyUrl !== undefined ? { privacyPolicyUrl: texts.privacyPolicyUrl } : {}),
        ...(texts.termsOfUseUrl !== undefined ? { termsOfUseUrl: texts.termsOfUseUrl } : {}),
      };
    }
    (texts.examplePhrases ?? []).forEach((phrase, index) => {
      if (invocation !== undefined && !phrase.toLocaleLowerCase(locale).includes(invocation.toLocaleLowerCase(locale))) {
        problems.push({
          severity: 'warning', file: input.file, rule: 'manifest/example-phrase',
          path: jsonPath('manifest', ...(settings.locales?.[locale]?.examplePhrases ? ['locales', locale] : []), 'examplePhrases', index),
          message: `The ${locale} example phrase "${phrase}" does not contain the invocation name "${invocation}"; certification requires it.`,
          fix: `Write it like "Alexa, open ${invocation}".`,
        });
      }
    });
  }
  const endpoint = input.settings.endpoint;
  if (endpoint === undefined) {
    problems.push({
      severity: 'warning', file: input.file, path: '$', rule: 'manifest/endpoint-missing',
      message: 'skill.json gets no endpoint: Alexa will not know where to send requests.',
      fix: 'Add "endpoint": "https://<your host>/webhook" (or a Lambda ARN) to skillshop.json.',
    });
  }
  const customEndpoint = endpoint === undefined
    ? undefined
    : endpoint.startsWith('arn:')
      ? { uri: endpoint }
      : { uri: endpoint, sslCertificateType: settings.sslCertificateType ?? 'Trusted' };
  const countries = settings.distributionCountries;
  const generated: Record<string, unknown> = {
    manifestVersion: '1.0',
    publishingInformation: {
      locales: publishingLocales,
      isAvailableWorldwide: settings.isAvailableWorldwide ?? countries === undefined,
      ...(countries !== undefined ? { distributionCountries: countries } : {}),
      ...(settings.testingInstructions !== undefined ? { testingInstructions: settings.testingInstructions } : {}),
      ...(settings.category !== undefined ? { category: settings.category } : {}),
    },
    privacyAndCompliance: {
      allowsPurchases: settings.allowsPurchases ?? input.hasProducts,
      usesPersonalInfo: settings.usesPersonalInfo ?? false,
      isChildDirected: settings.isChildDirected ?? false,
      isExportCompliant: settings.isExportCompliant ?? true,
      containsAds: settings.containsAds ?? false,
      ...(Object.keys(privacyLocales).length > 0 ? { locales: privacyLocales } : {}),
    },
    apis: { custom: customEndpoint === undefined ? {} : { endpoint: customEndpoint } },
  };
  return { manifest: { manifest: deepMerge(generated, settings.alexa ?? {}) }, problems };
}
