/** Shared by the web debugger's tests: a throwaway copy of cave-quest, raw HTTP, running an exported test. */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, REPO } from '../../helpers/cli';

export const CAVE_QUEST = join(REPO, 'examples', 'cave-quest');

/**
 * A copy of examples/cave-quest in a temp folder, where `require('skillshop')` finds this package
 * (as it would after `npm install skillshop`). `remove()` deletes it.
 */
export function copyCaveQuest(): { dir: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'skillshop-web-'));
  const dir = join(root, 'cave-quest');
  cpSync(CAVE_QUEST, dir, { recursive: true, filter: (src) => !src.includes(`${join('platforms', 'alexaSkill', 'skill-package')}`) && !src.includes('.skillshop') });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  symlinkSync(REPO, join(dir, 'node_modules', 'skillshop'), 'dir');
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTP request with exactly the headers given (fetch would not let a test set Host). */
export function raw(port: number, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers: options.headers ?? {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export async function postJson(base: string, path: string, body: unknown = {}): Promise<{ status: number; json: unknown }> {
  const response = await fetch(new URL(path, base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
}

/** Saves an exported test in the project's test/ folder and runs it with `node --test`. */
export function runExportedTest(projectDir: string, source: string, name = 'recorded.test.js'): { status: number | null; output: string } {
  mkdirSync(join(projectDir, 'test'), { recursive: true });
  const file = join(projectDir, 'test', name);
  writeFileSync(file, source);
  // A fresh runner, as a user's `node --test` would be (not a child of this test run).
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  delete env.NODE_OPTIONS;
  const result = spawnSync(process.execPath, ['--test', file], { cwd: projectDir, encoding: 'utf8', env, timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

export interface RunningDebugger {
  url: string;
  output: () => string;
  stop: () => Promise<number | null>;
}

/** Starts the built CLI (`skillshop debug …` or `simulate --web …`) and resolves once it prints its URL. */
export function startDebuggerCli(args: string[], cwd: string): Promise<RunningDebugger> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const stop = () => new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`skillshop ${args.join(' ')} printed no URL:\n${out}`));
    }, 15_000);
    const check = () => {
      const match = /(http:\/\/[\d.:[\]a-z]+\/)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, output: () => out, stop });
      }
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!/http:\/\//.test(out)) reject(new Error(`skillshop ${args.join(' ')} exited ${code}:\n${out}`));
    });
  });
}

/** Exported tests need `skillshop/testing` as this package's build has it. */
export function hasBuild(): boolean {
  return spawnSync(process.execPath, ['-e', `require(${JSON.stringify(join(REPO, 'dist', 'testing.js'))})`]).status === 0;
}
