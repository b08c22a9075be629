#!/usr/bin/env node
// Builds the web debugger's page (web/) into dist/web: one script, one stylesheet, the HTML and
// the icon. Everything the page needs ships in the package; nothing is loaded from elsewhere.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'dist', 'web');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: { app: join(root, 'web', 'src', 'main.tsx') },
  outdir: out,
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
});
for (const file of ['index.html', 'favicon.svg']) copyFileSync(join(root, 'web', file), join(out, file));

const sizes = readdirSync(out).map((name) => [name, statSync(join(out, name)).size]);
const total = sizes.reduce((sum, [, size]) => sum + size, 0);
console.log(`web debugger page: ${sizes.map(([name, size]) => `${name} ${(size / 1024).toFixed(1)} KB`).join(', ')}; ${(total / 1024).toFixed(1)} KB in all`);
