/** `skillshop debug` (= `skillshop simulate --web`): the simulator in a local web page. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { simulator, type SimulatorOptions } from '../simulator';
import { DEFAULT_DEBUGGER_PORT, isLoopback, restartFromProject, startWebDebugger } from '../simulator/web';
import { parseCommandArgs, portOption } from './args';
import type { CommandModule } from './main';

const usage =
  `skillshop debug [--port ${DEFAULT_DEBUGGER_PORT}] [--open] [--host 127.0.0.1] [--endpoint <url>] [--user <id>] [--locale <locale>] [--fault <name>]… [--reset] [--memory]`;

export const command: CommandModule = {
  summary: 'The simulator in a web page on 127.0.0.1: conversation, NLU, JSON, shop, faults, export as a test',
  usage,
  async run(args) {
    const { values } = parseCommandArgs(args, {
      port: { type: 'string' },
      open: { type: 'boolean' },
      host: { type: 'string' },
      endpoint: { type: 'string' },
      user: { type: 'string' },
      locale: { type: 'string' },
      fault: { type: 'string', multiple: true },
      reset: { type: 'boolean' },
      memory: { type: 'boolean' },
      // `skillshop simulate --web …` arrives here with its flag.
      web: { type: 'boolean' },
    }, usage);
    const host = (values.host as string | undefined) ?? '127.0.0.1';
    const port = portOption(values.port as string | undefined, DEFAULT_DEBUGGER_PORT);
    const dir = process.cwd();
    const endpoint = values.endpoint as string | undefined;
    const options: SimulatorOptions = {
      project: dir,
      ...(endpoint ? { endpoint } : {}),
      ...(values.user ? { userId: values.user as string } : {}),
      ...(values.locale ? { locale: values.locale as string } : {}),
      faults: ((values.fault as string[] | undefined) ?? []) as never,
      // As `simulate`: entitlements (and the skill's user data) last between runs, like a real account.
      ...(values.memory ? {} : { entitlementsDb: join(dir, '.skillshop', 'data', 'simulator.db'), appStorage: 'project' as const }),
    };
    const sim = await simulator(options);
    if (values.reset) sim.reset();
    let web;
    try {
      web = await startWebDebugger({
        simulator: sim,
        host,
        port,
        restart: restartFromProject(() => simulator({ ...options, faults: [] }), dir),
        ...(endpoint ? { endpoint } : {}),
      });
    } catch (error) {
      await sim.close();
      throw error;
    }
    if (!isLoopback(host)) {
      console.warn(`Warning: the debugger listens on ${host}: anyone who can reach this machine can drive the skill and change its test purchases.`);
    }
    console.log(`skillshop debugger for ${sim.invocationName}: ${web.url}`);
    console.log(`Watching app/, models/ and the products; the page reloads the skill when they change. Ctrl+C stops.`);
    if (values.open) openBrowser(web.url);

    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    // The debugger closes a simulator a reload started; the first one is ours (closing twice is harmless).
    await web.close();
    await sim.close();
    return 0;
  },
};

/** Best effort: the URL is printed anyway. */
function openBrowser(url: string): void {
  const [cmd, ...args] = process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '', url] : ['xdg-open', url];
  try {
    const child = spawn(cmd!, args, { stdio: 'ignore', detached: true });
    child.on('error', () => console.warn(`Could not open a browser (${cmd}); open ${url} yourself.`));
    child.unref();
  } catch {
    console.warn(`Could not open a browser; open ${url} yourself.`);
  }
}
