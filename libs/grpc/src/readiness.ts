import { type Logger } from './logger';

/** One thing a service needs to serve: PostgreSQL reachable, a projector's consumer assigned… */
export interface ReadinessCondition {
  readonly name: string;
  /** Reports the condition; a change is logged once (with the reason when it is not met). */
  set(met: boolean, reason?: string): void;
}

interface ConditionState {
  readonly name: string;
  /** A part of the service with a health name of its own (a projector), not the whole of it. */
  readonly component: boolean;
  met: boolean;
  reason: string | undefined;
}

export type HealthStatus = 'SERVING' | 'NOT_SERVING';

/**
 * What grpc.health.v1 answers for each name, given the conditions:
 * - '' (the whole server) needs every condition;
 * - each gRPC service needs every condition of the whole process (not components);
 * - each component's own name needs the process's conditions and its own.
 */
export const healthStatuses = (
  conditions: readonly { name: string; component: boolean; met: boolean }[],
  serviceNames: readonly string[],
): ReadonlyMap<string, HealthStatus> => {
  const status = (ok: boolean): HealthStatus => (ok ? 'SERVING' : 'NOT_SERVING');
  const processReady = conditions.filter((c) => !c.component).every((c) => c.met);
  const statuses = new Map<string, HealthStatus>([['', status(conditions.every((c) => c.met))]]);
  for (const name of serviceNames) if (name !== '') statuses.set(name, status(processReady));
  for (const c of conditions.filter((c) => c.component))
    statuses.set(c.name, status(processReady && c.met));
  return statuses;
};

/**
 * The readiness of one process, written once for every composition root: its parts report
 * conditions, and the gRPC server's health service answers from them (`startGrpcServer`'s
 * `readiness`). A condition starts not met.
 */
export class Readiness {
  private readonly conditions = new Map<string, ConditionState>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly logger?: Logger) {}

  /** Declares a condition; `component: true` also gives it a health name of its own. */
  condition(name: string, options: { component?: boolean } = {}): ReadinessCondition {
    const state: ConditionState = {
      name,
      component: options.component ?? false,
      met: false,
      reason: 'not reported yet',
    };
    this.conditions.set(name, state);
    this.changed();
    return {
      name,
      set: (met, reason) => {
        if (state.met === met) return;
        state.met = met;
        state.reason = met ? undefined : reason;
        if (met) this.logger?.info({ condition: name }, 'readiness: condition met');
        else this.logger?.warn({ condition: name, reason }, 'readiness: condition not met');
        this.changed();
      },
    };
  }

  /** The health names the components add ('' and the gRPC services are the server's). */
  componentNames(): readonly string[] {
    return [...this.conditions.values()].filter((c) => c.component).map((c) => c.name);
  }

  statuses(serviceNames: readonly string[]): ReadonlyMap<string, HealthStatus> {
    return healthStatuses([...this.conditions.values()], serviceNames);
  }

  /** Conditions not met, with their reasons (for logs and status calls). */
  unmet(): readonly { name: string; reason: string | undefined }[] {
    return [...this.conditions.values()]
      .filter((c) => !c.met)
      .map(({ name, reason }) => ({ name, reason }));
  }

  /** Calls `listener` after every change; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
