/** `skillshop simulate`: talk to the skill offline — interactively, or scripted with --say. */
import { join } from 'node:path';
import { format } from 'node:util';
import { simulator, type Simulator } from '../simulator';
import { runCommand, type CommandDisplay } from '../simulator/commands';
import { runRepl } from '../simulator/repl';
import { formatTurn } from '../simulator/transcript';
import { parseCommandArgs } from './args';
import type { CommandModule } from './main';

const usage =
  'skillshop simulate [--say "<utterance>"|--say ":<command>"]… [--json] [--endpoint <url>] [--user <id>] [--locale <locale>] [--fault <name>]… [--reset] [--memory]\n' +
  '       skillshop simulate --web [--port 3100] [--open] [--host <address>] …  (the same, in a web page: see skillshop debug)';

export const command: CommandModule = {
  summary: 'Talk to the skill offline: local NLU, Alexa\'s purchase dialog, emulated entitlements',
  usage,
  async run(args) {
    if (args.includes('--web')) return (await import('./debug.js')).command.run(args);
    const { values } = parseCommandArgs(args, {
      say: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      endpoint: { type: 'string' },
      user: { type: 'string' },
      locale: { type: 'string' },
      fault: { type: 'string', multiple: true },
      reset: { type: 'boolean' },
      memory: { type: 'boolean' },
    }, usage);
    const says = (values.say as string[] | undefined) ?? [];
    const json = values.json === true;
    // In --json mode stdout carries only the JSON: what the skill logs goes to stderr.
    if (json) console.log = (...parts: unknown[]) => process.stderr.write(`${format(...parts)}\n`);

    const dir = process.cwd();
    const sim = await simulator({
      project: dir,
      ...(values.endpoint ? { endpoint: values.endpoint as string } : {}),
      ...(values.user ? { userId: values.user as string } : {}),
      ...(values.locale ? { locale: values.locale as string } : {}),
      faults: (values.fault as string[] | undefined) as never ?? [],
      // Entitlements (and the skill's user data) last between runs, like a real account.
      ...(values.memory ? {} : { entitlementsDb: join(dir, '.skillshop', 'data', 'simulator.db'), appStorage: 'project' as const }),
    });
    try {
      if (values.reset) sim.reset();
      if (says.length === 0) return (await runRepl(sim, { input: process.stdin, output: process.stdout, json })) > 0 ? 1 : 0;
      return await scripted(sim, says, json);
    } finally {
      await sim.close();
    }
  },
};

/**
 * Each --say is an utterance, or a `:command` as the REPL takes it (`--say ":approve cave_quest"`):
 * a script can do between turns what the user cannot say. In --json mode a command's own output
 * goes to stderr; the turns it makes (:launch, :silence, :result) are in `turns`.
 */
async function scripted(sim: Simulator, says: string[], json: boolean): Promise<number> {
  const turns = [];
  const display: CommandDisplay = { json: false, nlu: false };
  for (const line of says) {
    const echo = `you> ${line}\n`;
    if (line.trim().startsWith(':')) {
      const result = await runCommand(sim, line, display);
      if (result.kind === 'quit') break;
      if (result.kind === 'text') {
        if (json) process.stderr.write(`${line}\n${result.text}\n`);
        else process.stdout.write(`${echo}${result.text}\n`);
        continue;
      }
      turns.push(result.turn);
      if (!json) process.stdout.write(`${echo}${formatTurn(result.turn, display)}\n`);
      continue;
    }
    const turn = await sim.say(line);
    turns.push(turn);
    if (!json) process.stdout.write(`${echo}${formatTurn(turn, display)}\n`);
  }
  if (json) process.stdout.write(`${JSON.stringify({ turns }, null, 2)}\n`);
  return turns.some((turn) => turn.error) ? 1 : 0;
}
