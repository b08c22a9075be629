/**
 * TypeBox findings as Problems: every finding at once, with its JSON path. A key the schema does not
 * know is a warning (a misspelt key is worth a look, but must not stop a build); anything else
 * (a wrong type, a missing required field) is an error.
 */
import type { TSchema } from '@sinclair/typebox';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import type { TypeCheck } from '@sinclair/typebox/compiler';
import { jsonPath, type Problem } from '../problems';

/** `/intents/0/phrases` → ['intents', 0, 'phrases'] */
export function pointerToParts(pointer: string): (string | number)[] {
  return pointer.split('/').slice(1).map((part) => {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^(0|[1-9]\d*)$/.test(key) ? Number(key) : key;
  });
}

function describe(schema: TSchema): string {
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as TSchema[]).map(describe).join(' or ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  switch (schema.type) {
    case 'string': return 'a string';
    case 'number': case 'integer': return 'a number';
    case 'boolean': return 'true or false';
    case 'array': return 'an array';
    case 'object': return 'an object';
    default: return 'a valid value';
  }
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function toProblem(error: ValueError, file: string, rulePrefix: string): Problem {
  const parts = pointerToParts(error.path);
  const path = jsonPath(...parts);
  const key = parts[parts.length - 1];
  if (error.type === ValueErrorType.ObjectAdditionalProperties) {
    return {
      severity: 'warning', file, path, rule: `${rulePrefix}/unknown-field`,
      message: `Unknown field "${String(key)}": skillshop ignores it.`,
      fix: 'Check the spelling, or remove the field.',
    };
  }
  if (error.type === ValueErrorType.ObjectRequiredProperty) {
    return {
      severity: 'error', file, path, rule: `${rulePrefix}/required`,
      message: `"${String(key)}" is required (${describe(error.schema)}).`,
      fix: `Add "${String(key)}".`,
    };
  }
  return {
    severity: 'error', file, path, rule: `${rulePrefix}/wrong-type`,
    message: `Expected ${describe(error.schema)}, got ${kindOf(error.value)}.`,
    fix: `Make it ${describe(error.schema)}.`,
  };
}

/** Every finding of a compiled schema check, as problems of `file`. */
export function schemaProblems(check: TypeCheck<TSchema>, value: unknown, file: string, rulePrefix: string): Problem[] {
  if (check.Check(value)) return [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const error of check.Errors(value)) {
    const problem = toProblem(error, file, rulePrefix);
    const key = `${problem.path}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  // A missing field is also "not a string": say only that it is missing.
  const missing = new Set(problems.filter((problem) => problem.rule?.endsWith('/required')).map((problem) => problem.path));
  return problems.filter((problem) => !(problem.rule?.endsWith('/wrong-type') && missing.has(problem.path)));
}
