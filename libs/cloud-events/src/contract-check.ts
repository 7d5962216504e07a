import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { categoryOf, type RecordedEvent } from '@ledgerline/event-store';
import type Ajv from 'ajv';
import { type ValidateFunction } from 'ajv';

/** An event whose data does not match the schema published for its type and version. */
export interface EventContractViolation {
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly schemaVersion: number;
  readonly problems: readonly string[];
}

/**
 * Validates events against the published schemas (docs/events/schemas/<category>/<Type>.v<N>.json)
 * before the relay publishes them. Only categories with a schema directory are checked (a test's
 * own made-up categories are not contracts); in those, an event type or version without a schema
 * is a violation too. Each violation is appended, one JSON line, to `violationsFile` when given.
 */
export class EventContractCheck {
  private ajv: Ajv | undefined;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(
    readonly schemasDir: string,
    private readonly violationsFile?: string,
  ) {}

  async violations(events: readonly RecordedEvent[]): Promise<EventContractViolation[]> {
    const found: EventContractViolation[] = [];
    for (const event of events) {
      const problems = await this.problemsOf(event);
      if (problems.length === 0) continue;
      const { eventId, type, streamId, schemaVersion } = event;
      const violation = { eventId, type, streamId, schemaVersion, problems };
      found.push(violation);
      if (this.violationsFile)
        appendFileSync(this.violationsFile, `${JSON.stringify(violation)}\n`);
    }
    return found;
  }

  private async problemsOf(event: RecordedEvent): Promise<string[]> {
    const category = categoryOf(event.streamId);
    if (!existsSync(join(this.schemasDir, category))) return [];
    const name = `${category}/${event.type}.v${event.schemaVersion}.json`;
    const file = join(this.schemasDir, name);
    if (!existsSync(file)) return [`no published schema ${name}`];
    const validate = await this.validatorOf(file);
    if (validate(event.data)) return [];
    return (validate.errors ?? []).map(
      (error) =>
        `${name}: ${error.instancePath || '(the payload)'} ${error.message ?? 'is invalid'}` +
        (error.keyword === 'additionalProperties' ? ` (${JSON.stringify(error.params)})` : ''),
    );
  }

  private async validatorOf(file: string): Promise<ValidateFunction> {
    const known = this.validators.get(file);
    if (known) return known;
    // Loaded only when checking (test runs): ajv is a devDependency, absent from service images.
    this.ajv ??= new (await import('ajv')).default({ allErrors: true, strict: false });
    const validate = this.ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
    this.validators.set(file, validate);
    return validate;
  }
}

/**
 * The check the test setup (tools/jest-event-contracts.js) turns on: `EVENT_CONTRACTS_DIR` names
 * the schemas and `EVENT_CONTRACT_VIOLATIONS_FILE` where violations go. Unset in production.
 */
export const eventContractCheckFromEnv = (
  env: NodeJS.ProcessEnv = process.env,
): EventContractCheck | undefined =>
  env['EVENT_CONTRACTS_DIR']
    ? new EventContractCheck(env['EVENT_CONTRACTS_DIR'], env['EVENT_CONTRACT_VIOLATIONS_FILE'])
    : undefined;
