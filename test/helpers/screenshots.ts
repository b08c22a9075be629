/**
 * Where browser tests put their screenshots. They always take them (that renders the page for
 * real); only `npm run screenshots` (SKILLSHOP_SCREENSHOTS=docs) writes them over the README's
 * images in docs/images, so an ordinary test run leaves the working tree as it was.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './cli';

let dir: string | undefined;

export function screenshotDir(): string {
  if (dir === undefined) {
    dir = process.env.SKILLSHOP_SCREENSHOTS === 'docs' ? join(REPO, 'docs', 'images') : mkdtempSync(join(tmpdir(), 'skillshop-screenshots-'));
    mkdirSync(dir, { recursive: true });
  }
  return dir;
}
