/**
 * When is a handler done? Handlers answer by returning a promise, or — as the seed does — from a
 * callback after the handler function already returned. The response goes out once output exists,
 * the handler's own promise (if any) has settled, and no callback skillshop handed out is still
 * running. A handler that never answers is failed with SKILLSHOP_HANDLER_TIMEOUT instead of hanging.
 */
import { skillshopError } from '../errors';

export interface CompletionOptions {
  /** The handler's name, for messages. */
  name: string;
  /** Has the handler produced output? */
  hasOutput: () => boolean;
  /**
   * Whether a handler that returned synchronously without output may still answer later (from a
   * callback skillshop does not know about). END and NEW_SESSION need no answer.
   */
  waitForOutput: boolean;
  /** Time left for this handler: the request's limit less what earlier handlers of it used. */
  timeoutMs: number;
  /** The limit the timeout message names (handlerTimeoutMs); default timeoutMs. */
  limitMs?: number;
}

export type CompletionResult = 'output' | 'silent';

export class Completion {
  readonly promise: Promise<CompletionResult>;
  private pending = 0;
  private returned = false;
  private returnedPromise = false;
  private done = false;
  private checkScheduled = false;
  private resolvePromise!: (result: CompletionResult) => void;
  private rejectPromise!: (error: unknown) => void;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: CompletionOptions) {
    this.promise = new Promise<CompletionResult>((resolve, reject) => {
      this.resolvePromise = resolve;
      this.rejectPromise = reject;
    });
  }

  /**
   * The time limit, armed as soon as the handler may still be running after run() returns (it
   * returned a promise, or without output, or with a callback pending). A handler that answered
   * synchronously is finished at the next check without ever needing it — most requests — and
   * if that check does not finish it after all, the check arms it then.
   */
  private armTimer(): void {
    if (this.timer || this.done) return;
    const { name, timeoutMs, limitMs = timeoutMs } = this.options;
    this.timer = setTimeout(() => {
      this.fail(
        skillshopError(
          'HANDLER_TIMEOUT',
          `Handler ${name} produced no output within ${limitMs} ms. Call this.tell()/this.ask() ` +
            'or a purchase method on every path, including the error path of callbacks (handlerTimeoutMs sets the limit).',
        ),
      );
    }, timeoutMs);
    // Not unref'd: while a handler is pending, this timer is what guarantees an answer. Unref'd, a
    // process with nothing else to do (a script or test awaiting app.handle) would exit with the
    // request unanswered. finish() always clears it.
  }

  get isDone(): boolean {
    return this.done;
  }

  /** Runs the handler and watches its return value. */
  run(invoke: () => unknown): Promise<CompletionResult> {
    let value: unknown;
    try {
      value = invoke();
    } catch (error) {
      this.fail(error);
      return this.promise;
    }
    if (isThenable(value)) {
      this.returnedPromise = true;
      this.armTimer();
      value.then(
        () => this.markReturned(),
        (error: unknown) => this.fail(error),
      );
    } else {
      this.markReturned();
      if (this.pending > 0 || !this.options.hasOutput()) this.armTimer();
    }
    return this.promise;
  }

  /**
   * Wraps a callback skillshop invokes later (an ISP lookup's `(error, result)`): the handler is not
   * done while it is pending, and what it throws (or rejects) fails the handler.
   */
  beginCallback(): (run: () => unknown) => void {
    this.pending++;
    this.armTimer();
    let finished = false;
    return (run) => {
      if (finished) return;
      finished = true;
      const end = () => {
        this.pending--;
        this.scheduleCheck();
      };
      try {
        const value = run();
        if (isThenable(value)) {
          value.then(end, (error: unknown) => {
            this.fail(error);
            end();
          });
          return;
        }
      } catch (error) {
        this.fail(error);
      }
      end();
    };
  }

  /**
   * Output was produced (possibly from a callback skillshop did not hand out). While the handler has
   * not returned yet, its return decides (markReturned); after that, it was a late callback.
   */
  outputProduced(): void {
    if (this.returned) this.scheduleCheck();
  }

  fail(error: unknown): void {
    if (this.done) return;
    this.finish();
    this.rejectPromise(error);
  }

  private markReturned(): void {
    this.returned = true;
    // The handler has returned (or its promise settled) and no callback of ours is pending: every
    // line after its this.tell() has run, so the outcome is known now — most requests, without a
    // turn of the event loop. Only a handler that returned without output and may still answer
    // from a callback skillshop does not know about waits for the check.
    if (!this.done && this.pending === 0 && this.settle()) return;
    this.scheduleCheck();
  }

  /** Resolves when the outcome is known: output, or a silent end; false while a callback may still answer. */
  private settle(): boolean {
    if (this.options.hasOutput()) {
      this.finish();
      this.resolvePromise('output');
      return true;
    }
    if (this.returnedPromise || !this.options.waitForOutput) {
      this.finish();
      this.resolvePromise('silent');
      return true;
    }
    return false;
  }

  // Checked on the next turn so code after this.tell() in the same function still counts
  // (e.g. in a callback: `this.tell('Bye'); this.setSessionAttribute('x', 1);`).
  private scheduleCheck(): void {
    if (this.done || this.checkScheduled) return;
    this.checkScheduled = true;
    setImmediate(() => {
      this.checkScheduled = false;
      this.check();
    });
  }

  private check(): void {
    if (this.done || !this.returned || this.pending > 0) return;
    // A callback we do not know about may still answer: wait (until the timeout).
    if (!this.settle()) this.armTimer();
  }

  private finish(): void {
    this.done = true;
    if (this.timer) clearTimeout(this.timer);
  }
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function';
}
