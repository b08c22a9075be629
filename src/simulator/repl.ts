/**
 * The interactive simulator: type what the user says, see what Alexa and the skill say. Lines
 * starting with ":" are commands. Works on a terminal and on piped input (one utterance a line).
 */
import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import { describeFaults, isFaultName } from './faults';
import { formatEntitlements } from './monetization';
import type { Simulator } from './simulator';
import { formatTurn } from './transcript';

export const REPL_HELP = `Type what the user says. Commands:
  :launch               open the skill
  :silence              say nothing (Alexa reprompts, then closes the session)
  :json                 show raw requests and responses (toggle)
  :nlu                  show how each utterance is understood (toggle)
  :explain <utterance>  how the model understands it, without saying it
  :entitlements         what the user owns
  :reset                reset test purchases (this user)
  :fault <name>|off     add a fault (":fault" lists them), or clear all
  :user <id>            switch user        :locale <locale>   switch locale
  :help                 this help          :quit              leave`;

export interface ReplOptions {
  input: Readable;
  output: Writable;
  json?: boolean;
}

/** Runs until :quit or the end of input; resolves the number of turns where the skill failed. */
export async function runRepl(simulator: Simulator, options: ReplOptions): Promise<number> {
  const write = (text: string) => options.output.write(`${text}\n`);
  const rl = createInterface({ input: options.input, output: options.output, terminal: (options.input as { isTTY?: boolean }).isTTY === true });
  let json = options.json ?? false;
  let nlu = true;
  let failures = 0;
  write(`skillshop simulator — ${simulator.invocationName} (${simulator.locale}), user ${simulator.userId}. Say "open ${simulator.invocationName}". :help for commands.`);
  rl.setPrompt('you> ');
  rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    try {
      if (line === '') {
        // nothing
      } else if (line.startsWith(':')) {
        const [command, ...rest] = line.slice(1).split(/\s+/);
        const argument = rest.join(' ');
        if (command === 'quit' || command === 'exit' || command === 'q') break;
        else if (command === 'help') write(REPL_HELP);
        else if (command === 'json') {
          json = !json;
          write(`raw JSON ${json ? 'on' : 'off'}`);
        } else if (command === 'nlu') {
          nlu = !nlu;
          write(`NLU explanation ${nlu ? 'on' : 'off'}`);
        }
        else if (command === 'explain') write(JSON.stringify(simulator.understand(argument), null, 2));
        else if (command === 'entitlements') write(formatEntitlements(simulator.entitlements()));
        else if (command === 'reset') {
          simulator.reset();
          write(`Test purchases of ${simulator.userId} reset.`);
        } else if (command === 'fault') {
          if (argument === '') write(`Active: ${simulator.faults.join(', ') || 'none'}\n${describeFaults()}`);
          else if (argument === 'off') {
            simulator.clearFaults();
            write('All faults cleared.');
          } else if (isFaultName(argument)) {
            simulator.fault(argument);
            write(`Fault on: ${argument}`);
          } else write(`Unknown fault "${argument}".\n${describeFaults()}`);
        } else if (command === 'user') {
          if (argument) simulator.setUser(argument);
          write(`User: ${simulator.userId}`);
        } else if (command === 'locale') {
          if (argument) simulator.setLocale(argument);
          write(`Locale: ${simulator.locale} (modelled: ${simulator.locales.join(', ')})`);
        } else if (command === 'launch') failures += report(await simulator.launch());
        else if (command === 'silence') failures += report(await simulator.silence());
        else write(`Unknown command ":${command}". :help lists them.`);
      } else {
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
    write(formatTurn(turn, { json, nlu }));
    return turn.error ? 1 : 0;
  }
}
