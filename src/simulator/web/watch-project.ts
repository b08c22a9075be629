/**
 * Watches what a simulation is made of — app/, models/, the product catalog, skillshop.json — and
 * calls back once a burst of saves has settled, naming what changed.
 */
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/** Relative to the project folder. */
export const WATCHED = ['app', 'models', join('platforms', 'alexaSkill', 'isps'), 'skillshop.json'];

/** Editors save in bursts (temp file, rename, chmod): wait this long after the last event. */
const SETTLE_MS = 250;

export function watchProject(dir: string, onChange: (what: string) => void): () => void {
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  const changed = new Set<string>();
  for (const entry of WATCHED) {
    const path = join(dir, entry);
    if (!existsSync(path)) continue;
    try {
      const watcher = watch(path, { recursive: entry !== 'skillshop.json', persistent: false }, (_event, file) => {
        const name = file ? join(entry, file.toString()) : entry;
        // Editor droppings and compiled output are not the skill.
        if (/(^|[/\\])(\.|node_modules)|~$|\.swp$/.test(name)) return;
        changed.add(name);
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          timer = undefined;
          const what = [...changed].sort().join(', ');
          changed.clear();
          onChange(what);
        }, SETTLE_MS);
        timer.unref();
      });
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch {
      // A file system without watching: the page's Reload button still works.
    }
  }
  return () => {
    if (timer) clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}

/**
 * Makes the next `require` of the project's own modules read them from disk again (app/app.js
 * and whatever it requires from the project), so a reload runs the code as it is now. Modules
 * under node_modules stay: the skill and the simulator must share one copy of skillshop.
 */
export function forgetProjectModules(dir: string): void {
  const root = join(dir, '/');
  for (const file of Object.keys(require.cache)) {
    if (file.startsWith(root) && !file.includes(`${join('/', 'node_modules', '/')}`)) delete require.cache[file];
  }
}
