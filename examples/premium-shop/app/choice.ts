/**
 * A question the skill just asked ("Would you like to buy it?", "Which one?") and what a short
 * answer to it means. It is good for the very next turn only: a "yes" three turns later must not
 * buy anything. So every handler takes it out of the session first (`forgetChoiceAfterOneTurn`),
 * and the ones that care read it with `takenChoice`.
 */
import type { Handler, HandlerContext, HandlerMap } from 'skillshop';

export interface Choice {
  /** buy: "yes" buys `referenceName`; pick-buy / pick-refund: a bare product name buys / returns it. */
  action: 'buy' | 'pick-buy' | 'pick-refund';
  referenceName?: string;
}

const ATTRIBUTE = 'choice';
const taken = new WeakMap<HandlerContext['requestState'], Choice>();

export function offerChoice(context: HandlerContext, choice: Choice): void {
  context.setSessionAttribute(ATTRIBUTE, choice);
}

/** The choice the previous answer offered, if any. */
export function takenChoice(context: HandlerContext): Choice | undefined {
  return taken.get(context.requestState);
}

/**
 * Wraps each handler so that the offered choice leaves the session before it runs. The wrapped
 * handlers read inputs with `this.getInput()` (a wrapper has no parameter names to inject by).
 */
export function forgetChoiceAfterOneTurn(handlers: Record<string, Handler>): HandlerMap {
  const wrapped: HandlerMap = {};
  for (const [name, handler] of Object.entries(handlers)) {
    wrapped[name] = function (this: HandlerContext) {
      const attributes = this.getSessionAttributes();
      const choice = attributes[ATTRIBUTE] as Choice | undefined;
      if (choice !== undefined) {
        if (!taken.has(this.requestState)) taken.set(this.requestState, choice);
        delete attributes[ATTRIBUTE];
      }
      return handler.call(this);
    };
  }
  return wrapped;
}
