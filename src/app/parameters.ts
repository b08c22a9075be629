/**
 * Reads a handler function's parameter names once, when the handler map is set, so that
 * `BuySkillItemIntent(productName)` receives the `ProductName` input as the seed expects.
 * Destructured or rest parameters get no input (undefined).
 */
export function parameterNames(fn: (...args: never[]) => unknown): string[] {
  const source = Function.prototype.toString.call(fn);
  const list = parameterList(source);
  if (list === undefined) return [];
  return splitTopLevel(list).map((param) => {
    const name = param.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').split('=')[0]!.trim();
    return /^[A-Za-z_$][\w$]*$/.test(name) ? name : '';
  });
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
