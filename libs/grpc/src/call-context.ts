import type * as grpc from '@grpc/grpc-js';

type ServerCall = grpc.ServerUnaryCall<unknown, unknown>;

const effective = new WeakMap<object, Date>();

/**
 * The call's deadline, to hand to downstream calls and queries: the server's cut of it
 * (`effectiveDeadline`, fixed by the guard when the call starts) or else the client's;
 * undefined when it has none.
 */
export const callDeadline = (call: Pick<ServerCall, 'getDeadline'>): Date | undefined => {
  const held = effective.get(call);
  if (held) return held;
  const deadline = call.getDeadline();
  const ms = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(ms) ? new Date(ms) : undefined;
};

export const deadlinePassed = (
  call: Pick<ServerCall, 'getDeadline'>,
  now = Date.now(),
): boolean => {
  const deadline = callDeadline(call);
  return deadline !== undefined && deadline.getTime() <= now;
};

/**
 * The deadline the server holds a call to: the client's, cut to `maxMs` from the first time it is
 * asked (at the call's start), so a call without a deadline or with a far one still ends. Fixed
 * per call object: asking again later returns the same instant.
 */
export const effectiveDeadline = (
  call: Pick<ServerCall, 'getDeadline'>,
  maxMs: number,
  now = Date.now(),
): Date => {
  const known = effective.get(call);
  if (known) return known;
  const cap = now + maxMs;
  const own = callDeadline(call)?.getTime() ?? Infinity;
  const deadline = new Date(Math.min(own, cap));
  effective.set(call, deadline);
  return deadline;
};

/** Milliseconds left until `deadline` (0 once it passed); Infinity without one. */
export const remainingMs = (deadline: Date | undefined, now = Date.now()): number =>
  deadline === undefined ? Infinity : Math.max(0, deadline.getTime() - now);

const signals = new WeakMap<object, AbortSignal>();

/**
 * Aborts when the client cancels or the deadline passes (grpc-js then cancels the call), so a
 * handler can stop its queries and downstream calls instead of finishing work nobody awaits.
 */
export const callAbortSignal = (call: Pick<ServerCall, 'cancelled' | 'once'>): AbortSignal => {
  const existing = signals.get(call);
  if (existing) return existing;
  const controller = new AbortController();
  if (call.cancelled) controller.abort();
  else {
    call.once('cancelled', () => controller.abort());
    // The server's cut of the deadline ends the work too, though grpc-js knows only the client's.
    const held = effective.get(call);
    if (held) {
      const timer = setTimeout(() => controller.abort(), Math.max(0, held.getTime() - Date.now()));
      timer.unref();
      call.once('cancelled', () => clearTimeout(timer));
    }
  }
  signals.set(call, controller.signal);
  return controller.signal;
};
