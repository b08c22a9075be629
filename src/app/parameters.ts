/**
 * Reads a handler function's parameter names once, when the handler map is set, so that
 * `BuySkillItemIntent(productName)` receives the `ProductName` input as the seed expects.
 * Destructured or rest parameters get no input (undefined).
 */
export function parameterNames(fn: (...args: never[]) => unknown): string[] {
  const source = withoutCommentsAndStrings(Function.prototype.toString.call(fn));
  const list = parameterList(source);
  if (list === undefined) return [];
  return splitTopLevel(list).map((param) => {
    const name = param.split('=')[0]!.trim();
    return /^[A-Za-z_$][\w$]*$/.test(name) ? name : '';
  });
}

/**
 * The source with comments removed and string literals emptied, so that a comma or parenthesis in
 * `a, // the product, e.g. cave quest` or `a = ','` does not split or end the parameter list.
 */
function withoutCommentsAndStrings(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 1;
      out += ' ';
    } else if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i + 2);
      i = end < 0 ? source.length : end - 1;
      out += ' ';
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
      out += c + c;
      i = j;
    } else {
      out += c;
    }
  }
  return out;
}

function parameterList(source: string): string | undefined {
  const arrowSingle = /^(?:async\s+)?([A-Za-z_$][\w$]*)\s*=>/.exec(source);
  if (arrowSingle) return arrowSingle[1];
  const open = source.indexOf('(');
  if (open < 0) return undefined;
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return source.slice(open + 1, i);
  }
  return undefined;
}

function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of list) {
    if ('([{'.includes(c)) depth++;
    if (')]}'.includes(c)) depth--;
    if (c === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  if (current.trim() !== '') parts.push(current);
  return parts;
}
