/**
 * The interactive simulator: type what the user says, see what Alexa and the skill say. Lines
 * starting with ":" are commands. Works on a terminal and on piped input (one utterance a line).
 */
import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import { COMMAND_HELP, runCommand, type CommandDisplay } from './commands';
import type { Simulator } from './simulator';
import { formatTurn } from './transcript';

export const REPL_HELP = `Type what the user says. ${COMMAND_HELP}`;

export interface ReplOptions {
  input: Readable;
  output: Writable;
  json?: boolean;
}

/** Runs until :quit or the end of input; resolves the number of turns where the skill failed. */
export async function runRepl(simulator: Simulator, options: ReplOptions): Promise<number> {
  const write = (text: string) => options.output.write(`${text}\n`);
  const rl = createInterface({ input: options.input, output: options.output, terminal: (options.input as { isTTY?: boolean }).isTTY === true });
  const display: CommandDisplay = { json: options.json ?? false, nlu: true };
  let failures = 0;
  write(`skillshop simulator — ${simulator.invocationName} (${simulator.locale}), user ${simulator.userId}. Say "open ${simulator.invocationName}". :help for commands.`);
  rl.setPrompt('you> ');
  rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    try {
      if (line.startsWith(':')) {
        const result = await runCommand(simulator, line, display);
        if (result.kind === 'quit') break;
        if (result.kind === 'text') write(result.text);
        else failures += report(result.turn);
      } else if (line !== '') {
        failures += report(await simulator.say(line));
      }
    } catch (error) {
      write(`! ${(error as Error).message}`);
    }
    rl.prompt();
  }
  rl.close();
  return failures;

  function report(turn: Parameters<typeof formatTurn>[0]): number {
    write(formatTurn(turn, display));
    return turn.error ? 1 : 0;
  }
}
