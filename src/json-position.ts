/**
 * Where a JSON text first goes wrong. Node 20's JSON.parse names no position for some errors
 * ("Unexpected token '}', …"), and a person needs the line and column to fix the file, so this small
 * scanner walks the JSON grammar (RFC 8259) and stops at the first character that breaks it.
 */

export interface JsonPosition {
  offset: number;
  line: number;
  column: number;
}

class Scanner {
  index = 0;
  constructor(private readonly text: string) {}

  fail(): never {
    throw new Error(String(this.index));
  }

  skipSpace(): void {
    while (/[ \t\n\r]/.test(this.text[this.index] ?? '')) this.index++;
  }

  expect(literal: string): void {
    for (const char of literal) {
      if (this.text[this.index] !== char) this.fail();
      this.index++;
    }
  }

  value(): void {
    this.skipSpace();
    const char = this.text[this.index];
    if (char === '{') this.object();
    else if (char === '[') this.array();
    else if (char === '"') this.string();
    else if (char === 't') this.expect('true');
    else if (char === 'f') this.expect('false');
    else if (char === 'n') this.expect('null');
    else this.number();
  }

  object(): void {
    this.index++;
    this.skipSpace();
    if (this.text[this.index] === '}') {
      this.index++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.index] !== '"') this.fail();
      this.string();
      this.skipSpace();
      this.expect(':');
      this.value();
      this.skipSpace();
      if (this.text[this.index] === ',') this.index++;
      else if (this.text[this.index] === '}') {
        this.index++;
        return;
      } else this.fail();
    }
  }

  array(): void {
    this.index++;
    this.skipSpace();
    if (this.text[this.index] === ']') {
      this.index++;
      return;
    }
    for (;;) {
      this.value();
      this.skipSpace();
      if (this.text[this.index] === ',') this.index++;
      else if (this.text[this.index] === ']') {
        this.index++;
        return;
      } else this.fail();
    }
  }

  string(): void {
    this.index++;
    for (;;) {
      const char = this.text[this.index];
      if (char === undefined || char < ' ') this.fail();
      if (char === '"') {
        this.index++;
        return;
      }
      if (char === '\\') {
        this.index++;
        const escape = this.text[this.index];
        if (escape === 'u') {
          for (let i = 1; i <= 4; i++) if (!/[0-9a-fA-F]/.test(this.text[this.index + i] ?? '')) { this.index += i; this.fail(); }
          this.index += 4;
        } else if (escape === undefined || !'"\\/bfnrt'.includes(escape)) this.fail();
      }
      this.index++;
    }
  }

  number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.index));
    if (!match || match[0] === '' || match[0] === '-') this.fail();
    this.index += match[0].length;
  }
}

/** The position of the first syntax error, or undefined when the text is valid JSON. */
export function jsonErrorPosition(text: string): JsonPosition | undefined {
  const scanner = new Scanner(text);
  let offset: number | undefined;
  try {
    scanner.value();
    scanner.skipSpace();
    if (scanner.index < text.length) offset = scanner.index;
  } catch (error) {
    offset = Number((error as Error).message);
  }
  if (offset === undefined) return undefined;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { offset, line, column: offset - before.lastIndexOf('\n') };
}
