/**
 * Findings about a user's files (language model, product catalog, manifest): every problem at
 * once, each with the file, the JSON path, what is wrong and how to fix it. Validators collect
 * these instead of throwing at the first one.
 */
export type Severity = 'error' | 'warning' | 'notice';

export interface Problem {
  severity: Severity;
  /** The file, relative to the project when possible. */
  file: string;
  /** A JSON path into the file, e.g. `$.intents[0].phrases[2]`; `$` for the whole file. */
  path: string;
  message: string;
  /** What would fix it. */
  fix?: string;
  /** A stable id of the rule, e.g. `model/slot-undeclared`. */
  rule?: string;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

/** `$.a[0].b` from ['a', 0, 'b']; keys that are not identifiers are quoted: `$["en-US"]`. */
export function jsonPath(...parts: (string | number)[]): string {
  let path = '$';
  for (const part of parts) {
    if (typeof part === 'number') path += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) path += `.${part}`;
    else path += `[${JSON.stringify(part)}]`;
  }
  return path;
}

/** Problems sorted by file, then severity (errors first), then path: stable output for people and tests. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const rank: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };
  return [...problems].sort((a, b) =>
    a.file.localeCompare(b.file) || rank[a.severity] - rank[b.severity] || a.path.localeCompare(b.path) || a.message.localeCompare(b.message));
}

/** One line per problem, for terminals: `file $.path: error: message (fix: …)`. */
export function formatProblem(problem: Problem): string {
  const fix = problem.fix ? `\n    fix: ${problem.fix}` : '';
  return `${problem.file} ${problem.path}: ${problem.severity}: ${problem.message}${fix}`;
}
