/**
 * Real `skillshop run` servers for the reliability checks: a throwaway project (app/app.js and a
 * skillshop.json naming the store), children started as a user would, raw HTTP posts, and the
 * child's resident memory from /proc.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, startCli, type RunningServer } from '../helpers/cli';

export interface Project {
  readonly dir: string;
  remove(): void;
}

/**
 * Writes a project whose app/app.js is `appSource`, in which `SKILLSHOP` is the path of the built
 * library (a project outside this repository cannot `require('skillshop')`).
 */
export function writeProject(appSource: string, storage: Record<string, unknown>): Project {
  const dir = mkdtempSync(join(tmpdir(), 'skillshop-reliability-project-'));
  mkdirSync(join(dir, 'app'));
  writeFileSync(join(dir, 'app', 'app.js'), `'use strict';\nconst SKILLSHOP = ${JSON.stringify(join(REPO, 'dist', 'index.js'))};\n${appSource}`);
  writeFileSync(join(dir, 'skillshop.json'), JSON.stringify({ storage }, null, 2));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `skillshop run --no-verify --port 0` in `dir`; warnings and errors go to its output. */
export function startSkillServer(dir: string, env: Record<string, string> = {}): Promise<RunningServer> {
  return startCli(['run', '--cwd', dir, '--port', '0', '--no-verify'], { SKILLSHOP_LOG_LEVEL: 'error', ...env }, 30_000);
}

/** Resident memory of a process in kB (Linux), or undefined where /proc is missing. */
export function rssKb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

export interface Answer {
  status: number;
  body: string;
}

/** A keep-alive agent for many posts to one server. */
export function keepAlive(maxSockets = 32): Agent {
  return new Agent({ keepAlive: true, maxSockets });
}

/** POSTs raw bytes; rejects only on a transport failure (reset, refused). */
export function post(url: string, body: Buffer | string, agent?: Agent): Promise<Answer> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': bytes.length },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(bytes);
  });
}

/** Runs `work` over `items` with at most `limit` at a time, in order of start. */
export async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** One line of figures, printed so the run shows what was measured (not only pass/fail). */
export function report(check: string, figures: Record<string, unknown>): void {
  console.log(`reliability: ${check}: ${Object.entries(figures).map(([key, value]) => `${key}=${String(value)}`).join(' ')}`);
}
