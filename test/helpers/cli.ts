/** Runs the built `skillshop` CLI as a user would, in a child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const REPO = join(__dirname, '..', '..');
export const BIN = join(REPO, 'bin', 'skillshop.js');

export interface RunningServer {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Resolves once the output matches (the child's stdout may lag behind its HTTP answers). */
  waitForOutput: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
  stop: () => Promise<number | null>;
}

/** Starts `skillshop run …` and resolves once it prints its URL. */
export function startCli(args: string[], env: Record<string, string> = {}, timeoutMs = 15_000): Promise<RunningServer> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const stop = () =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      child.once('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`skillshop ${args.join(' ')} printed no URL within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = () => {
      const match = /POST (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        const waitForOutput = async (pattern: RegExp, waitMs = 2000) => {
          const deadline = Date.now() + waitMs;
          while (!pattern.test(out)) {
            if (Date.now() > deadline) throw new Error(`output never matched ${pattern}:\n${out}`);
            await new Promise((r) => setTimeout(r, 10));
          }
        };
        resolve({ url: match[1]!, child, output: () => out, waitForOutput, stop });
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`skillshop ${args.join(' ')} exited with ${code}:\n${out}`));
    });
  });
}

/** Runs a CLI command to completion. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (input !== undefined) child.stdin!.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
