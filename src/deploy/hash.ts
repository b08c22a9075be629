/**
 * Content hashes that decide what a deploy sends: the same content always gives the same hash,
 * whatever the key order or formatting of the file.
 */
import { createHash } from 'node:crypto';
import { toAmazonDefinition, type InSkillProductDefinition } from '../isp/product-definition';

/** JSON with object keys sorted at every level (arrays keep their order: it means something). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * What Amazon gets of a product file: `$schema` and any other skillshop-only key (top-level keys
 * starting with `$`) removed.
 */
export function amazonProductDefinition(definition: InSkillProductDefinition | Record<string, unknown>): Record<string, unknown> {
  const amazon = toAmazonDefinition(definition as InSkillProductDefinition) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(amazon).filter(([key]) => !key.startsWith('$')));
}

/** The hash of a product definition as Amazon gets it. */
export function productHash(definition: InSkillProductDefinition | Record<string, unknown>): string {
  return `sha256:${sha256(canonicalJson(amazonProductDefinition(definition)))}`;
}

/** The hash of a set of files (path and bytes), independent of their order. */
export function filesHash(files: readonly { name: string; data: Buffer | string }[]): string {
  const lines = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((file) => `${file.name}\0${sha256(file.data)}`);
  return `sha256:${sha256(lines.join('\n'))}`;
}
