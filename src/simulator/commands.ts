/**
 * The simulator's `:commands`, one table for the REPL and for `skillshop simulate --say ":…"`:
 * what the user cannot say — faults, a parent's decision, products off sale, the skill re-enabled,
 * a purchase result chosen by hand — and the REPL's own views.
 */
import { skillshopError } from '../errors';
import { describeFaults, isFaultName } from './faults';
import { formatEntitlements } from './monetization';
import type { ParentDecision, Simulator } from './simulator';
import type { ForcedPurchaseOutcome, Turn } from './turn';

export const COMMAND_HELP = `Commands:
  :launch               open the skill
  :silence              say nothing (Alexa reprompts, then closes the session)
  :json                 show raw requests and responses (toggle)
  :nlu                  show how each utterance is understood (toggle)
  :explain <utterance>  how the model understands it, without saying it
  :entitlements         what the user owns
  :reset                reset test purchases (this user)
  :fault <name>|off     add a fault (":fault" lists them), or clear all
  :pending              purchases waiting for a parent (the pending-purchase fault)
  :approve <product>    the parent approves it   :deny <product>   the parent refuses
  :expire <product>     the parent lets the request lapse (EXPIRED_NO_ACTION_BY_PARENT)
  :offsale <product>    take it off sale (NOT_PURCHASABLE; a Buy fails)   :onsale <product>
  :reenable             disable and re-enable the skill: a new user id, purchases kept
  :result <RESULT>|status=<code>|none
                        answer the waiting purchase dialog yourself, e.g. :result ALREADY_PURCHASED
  :user <id>            switch user        :locale <locale>   switch locale
  :help                 this help          :quit              leave`;

/** Display settings the :json and :nlu toggles change. */
export interface CommandDisplay {
  json: boolean;
  nlu: boolean;
}

export type CommandResult =
  | { kind: 'text'; text: string }
  | { kind: 'turn'; turn: Turn }
  | { kind: 'quit' };

const KNOWN_RESULTS = ['ACCEPTED', 'DECLINED', 'ALREADY_PURCHASED', 'NOT_ENTITLED', 'ERROR', 'PENDING_PURCHASE'];

/**
 * Runs one `:command` line. Mistakes (an unknown command, product or fault; :result with no dialog
 * waiting) throw a CLI_USAGE error whose message says what would work.
 */
export async function runCommand(simulator: Simulator, line: string, display: CommandDisplay): Promise<CommandResult> {
  const [command = '', ...rest] = line.trim().replace(/^:/, '').split(/\s+/);
  const argument = rest.join(' ');
  const text = (value: string): CommandResult => ({ kind: 'text', text: value });
  switch (command) {
    case 'quit':
    case 'exit':
    case 'q':
      return { kind: 'quit' };
    case 'help':
      return text(COMMAND_HELP);
    case 'json':
      display.json = !display.json;
      return text(`raw JSON ${display.json ? 'on' : 'off'}`);
    case 'nlu':
      display.nlu = !display.nlu;
      return text(`NLU explanation ${display.nlu ? 'on' : 'off'}`);
    case 'explain':
      return text(JSON.stringify(simulator.understand(argument), null, 2));
    case 'entitlements':
      return text(formatEntitlements(simulator.entitlements()));
    case 'reset':
      simulator.reset();
      return text(`Test purchases of ${simulator.userId} reset.`);
    case 'fault':
      if (argument === '') return text(`Active: ${simulator.faults.join(', ') || 'none'}\n${describeFaults()}`);
      if (argument === 'off') {
        simulator.clearFaults();
        return text('All faults cleared.');
      }
      if (!isFaultName(argument)) throw skillshopError('CLI_USAGE', `Unknown fault "${argument}".\n${describeFaults()}`);
      simulator.fault(argument);
      return text(`Fault on: ${argument}`);
    case 'pending': {
      const pending = simulator.pendingApprovals();
      if (pending.length === 0) return text('No purchase waits for a parent.');
      return text(pending.map((p) => `${p.referenceName.padEnd(16)} waiting since ${p.since}`).join('\n'));
    }
    case 'approve':
    case 'deny':
    case 'expire':
      return text(decide(simulator, command, product(command, argument)));
    case 'offsale':
    case 'onsale': {
      const referenceName = product(command, argument);
      simulator.setPurchasable(referenceName, command === 'onsale');
      return text(command === 'onsale' ? `${referenceName} is on sale (PURCHASABLE).` : `${referenceName} is off sale (NOT_PURCHASABLE): a Buy fails; what users own stays theirs.`);
    }
    case 'reenable': {
      const before = simulator.userId;
      const after = simulator.reenable();
      return text(`Skill disabled and enabled again: user ${after} (was ${before}). The purchases came along; what the skill stored for ${before} is out of reach.`);
    }
    case 'result':
      return { kind: 'turn', turn: await simulator.answerPurchase(parseForcedOutcome(argument)) };
    case 'user':
      if (argument) simulator.setUser(argument);
      return text(`User: ${simulator.userId}`);
    case 'locale':
      if (argument) simulator.setLocale(argument);
      return text(`Locale: ${simulator.locale} (modelled: ${simulator.locales.join(', ')})`);
    case 'launch':
      return { kind: 'turn', turn: await simulator.launch() };
    case 'silence':
      return { kind: 'turn', turn: await simulator.silence() };
    default:
      throw skillshopError('CLI_USAGE', `Unknown command ":${command}". :help lists them.`);
  }
}

/**
 * `:result` argument → the outcome: a purchaseResult (the known ones in any case; anything else
 * is sent as typed), `status=<code>`, or `none`.
 */
export function parseForcedOutcome(argument: string): ForcedPurchaseOutcome {
  const value = argument.trim();
  if (value === '' || /\s/.test(value)) {
    throw skillshopError('CLI_USAGE', `:result takes one word: a purchase result (${KNOWN_RESULTS.join(', ')} or any other), status=<code> (e.g. status=500) or none.`);
  }
  if (value.toLowerCase() === 'none') return 'no-result';
  const status = /^status=(\d{3})$/i.exec(value);
  if (status) return { statusCode: status[1]! };
  if (/^status=/i.test(value)) throw skillshopError('CLI_USAGE', `"${value}": a status is three digits, e.g. status=500.`);
  const known = KNOWN_RESULTS.find((result) => result === value.toUpperCase());
  return { purchaseResult: known ?? value };
}

function product(command: string, argument: string): string {
  if (!argument) throw skillshopError('CLI_USAGE', `:${command} needs a product's reference name, e.g. :${command} cave_quest (:entitlements lists them).`);
  return argument;
}

function decide(simulator: Simulator, decision: ParentDecision, referenceName: string): string {
  if (!simulator.parent(decision, referenceName)) return `No purchase of ${referenceName} waits for a parent (:pending lists those that do).`;
  if (decision === 'approve') return `The parent approved ${referenceName}: the user owns it now (APPROVED_BY_PARENT).`;
  if (decision === 'deny') return `The parent refused ${referenceName} (DENIED_BY_PARENT).`;
  return `The parent let the request for ${referenceName} lapse (EXPIRED_NO_ACTION_BY_PARENT).`;
}
