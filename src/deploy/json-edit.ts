/**
 * Edits one value of a JSON file's text and leaves every other byte as it was: the user's (or the
 * ASK CLI's) formatting, key order, other profiles and unknown keys. Used for `~/.ask/cli_config`
 * (a refreshed token must not reformat the file) and `.ask/ask-states.json`.
 *
 * @example
 * setJsonValue(text, ['profiles', 'default', 'token'], token); // only the token's bytes change
 */

interface JsonNode {
  kind: 'object' | 'array' | 'scalar';
  start: number;
  end: number;
  members: { key: string; keyStart: number; keyEnd: number; value: JsonNode }[];
}

/** Parses JSON text into a tree of spans. Throws a SyntaxError for invalid JSON. */
function parseTree(text: string): JsonNode {
  let at = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at position ${at}`);
  };
  const space = () => {
    while (at < text.length && ' \t\r\n'.includes(text[at]!)) at++;
  };
  const string = (): string => {
    const start = at;
    at++; // opening quote
    while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    if (at >= text.length) fail('Unterminated string');
    at++;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const value = (): JsonNode => {
    space();
    const start = at;
    const char = text[at];
    if (char === '{') {
      at++;
      const members: JsonNode['members'] = [];
      space();
      if (text[at] === '}') {
        at++;
        return { kind: 'object', start, end: at, members };
      }
      for (;;) {
        space();
        if (text[at] !== '"') fail('Expected a key');
        const keyStart = at;
        const key = string();
        const keyEnd = at;
        space();
        if (text[at] !== ':') fail('Expected ":"');
        at++;
        members.push({ key, keyStart, keyEnd, value: value() });
        space();
        if (text[at] === ',') {
          at++;
          continue;
        }
        if (text[at] === '}') {
          at++;
          return { kind: 'object', start, end: at, members };
        }
        fail('Expected "," or "}"');
      }
    }
    if (char === '[') {
      at++;
      space();
      if (text[at] === ']') {
        at++;
        return { kind: 'array', start, end: at, members: [] };
      }
      for (;;) {
        value();
        space();
        if (text[at] === ',') {
          at++;
          continue;
        }
        if (text[at] === ']') {
          at++;
          return { kind: 'array', start, end: at, members: [] };
        }
        fail('Expected "," or "]"');
      }
    }
    if (char === '"') {
      string();
      return { kind: 'scalar', start, end: at, members: [] };
    }
    const literal = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(at, at + 400));
    if (!literal) fail('Unexpected character');
    at += literal![0].length;
    return { kind: 'scalar', start, end: at, members: [] };
  };
  if (text.charCodeAt(0) === 0xfeff) at = 1;
  const root = value();
  space();
  if (at !== text.length) fail('Unexpected text after the JSON value');
  return root;
}

/** The whitespace that starts the line holding `offset`. */
function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

interface Style {
  /** One level of indentation; '' for single-line JSON. */
  unit: string;
  /** Between a key and its value, e.g. ": " or ":". */
  colon: string;
}

function styleOf(text: string, root: JsonNode): Style {
  const first = root.members[0];
  if (!first) return { unit: '  ', colon: ': ' };
  const multiline = text.slice(root.start, first.keyStart).includes('\n');
  const unit = multiline ? lineIndent(text, first.keyStart).slice(lineIndent(text, root.start).length) || '  ' : '';
  return { unit, colon: text.slice(first.keyEnd, first.value.start) || ': ' };
}

function serialize(value: unknown, indent: string, style: Style): string {
  if (style.unit === '') return JSON.stringify(value);
  const text = JSON.stringify(value, null, style.unit).replace(/\n/g, `\n${indent}`);
  return style.colon === ': ' ? text : text.replace(/": /g, `"${style.colon}`);
}

function nest(path: readonly string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

/**
 * Sets the value at `path` (object keys), creating missing objects on the way, and returns the
 * new text. Everything outside the changed value keeps its bytes. Throws a SyntaxError for text
 * that is not JSON, a TypeError when something on the path is not an object.
 */
export function setJsonValue(text: string, path: readonly string[], value: unknown): string {
  if (path.length === 0) throw new TypeError('setJsonValue needs a path.');
  const root = parseTree(text);
  const style = styleOf(text, root);
  let node = root;
  for (let i = 0; i < path.length; i++) {
    if (node.kind !== 'object') throw new TypeError(`${path.slice(0, i).join('.') || 'The file'} is not a JSON object.`);
    const member = node.members.find((candidate) => candidate.key === path[i]);
    if (!member) return insertMember(text, node, path[i]!, nest(path.slice(i + 1), value), style);
    if (i === path.length - 1) {
      const replacement = serialize(value, lineIndent(text, member.keyStart), style);
      return text.slice(0, member.value.start) + replacement + text.slice(member.value.end);
    }
    node = member.value;
  }
  /* c8 ignore next */
  throw new Error('unreachable');
}

function insertMember(text: string, object: JsonNode, key: string, value: unknown, style: Style): string {
  const last = object.members[object.members.length - 1];
  if (last) {
    const multiline = style.unit !== '' && text.slice(object.start, object.members[0]!.keyStart).includes('\n');
    const indent = lineIndent(text, last.keyStart);
    const separator = multiline ? `,\n${indent}` : ', ';
    const member = `${JSON.stringify(key)}${style.colon}${serialize(value, indent, multiline ? style : { ...style, unit: '' })}`;
    return text.slice(0, last.value.end) + separator + member + text.slice(last.value.end);
  }
  if (style.unit === '') {
    return `${text.slice(0, object.start)}{${JSON.stringify(key)}${style.colon}${JSON.stringify(value)}}${text.slice(object.end)}`;
  }
  const outer = lineIndent(text, object.start);
  const indent = outer + style.unit;
  const member = `${JSON.stringify(key)}${style.colon}${serialize(value, indent, style)}`;
  return `${text.slice(0, object.start)}{\n${indent}${member}\n${outer}}${text.slice(object.end)}`;
}
