import { holdsPersonal, mapPersonal, type PrivacyCatalog, REDACTED } from '@ledgerline/domain';
import { type EventCodec, type NewEvent, type RecordedEvent } from '@ledgerline/event-store';
import { isSealed, keyIdOf, openText, textSealer } from './cipher';
import { type Keyring } from './keyring';

/**
 * Each data with its sealed values opened (or REDACTED when their key is gone); data without
 * sealed values is returned as the same object. `describe` names a data in an error, never a value.
 */
export const openAll = async (
  keyring: Pick<Keyring, 'keysById'>,
  datas: readonly unknown[],
  describe: (index: number) => string,
): Promise<unknown[]> => {
  // Key ids are read from each value's prefix; its payload is decoded once, when it is opened.
  const idsOf = datas.map(keyIdsIn);
  const ids = idsOf.flat();
  if (ids.length === 0) return [...datas];
  const keys = await keyring.keysById(ids);
  return datas.map((data, index) => {
    if (idsOf[index]!.length === 0) return data;
    return mapStrings(data, (text) => {
      if (!isSealed(text)) return text;
      const key = keys.get(keyIdOf(text));
      if (!key) return REDACTED;
      try {
        return openText(key, text);
      } catch (cause) {
        // An altered ciphertext is an integrity failure, not a forgotten subject.
        throw new Error(`${describe(index)}: a personal field does not decrypt (altered?)`, {
          cause,
        });
      }
    });
  });
};

export interface PersonalDataCodecOptions {
  readonly keyring: Keyring;
  /** The classification of the event types this process appends; readers need none. */
  readonly catalog?: PrivacyCatalog;
}

/** Calls `visit` on every string anywhere inside `value`. */
const eachString = (value: unknown, visit: (text: string) => void): void => {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const item of value) eachString(item, visit);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) eachString(item, visit);
};

/** A copy of `value` with every string passed through `transform`. */
const mapStrings = (value: unknown, transform: (text: string) => string): unknown => {
  if (typeof value === 'string') return transform(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, transform));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) out[name] = mapStrings(item, transform);
    return out;
  }
  return value;
};

const keyIdsIn = (data: unknown): string[] => {
  const ids: string[] = [];
  eachString(data, (text) => {
    if (isSealed(text)) ids.push(keyIdOf(text));
  });
  return ids;
};

const redact = (): string => REDACTED;

// Most classifications mark top-level fields only: their personal fields are a list of names,
// found once per classification, and an event's data is copied once with those fields sealed
// (what mapPersonal yields, without walking every field).
const flatFields = new WeakMap<object, readonly string[] | null>();
const flatPersonalFields = (fields: object): readonly string[] | null => {
  let names = flatFields.get(fields);
  if (names === undefined) {
    const marks = Object.entries(fields);
    names = marks.every(([, mark]) => mark === 'personal' || mark === 'safe')
      ? marks.filter(([, mark]) => mark === 'personal').map(([name]) => name)
      : null;
    flatFields.set(fields, names);
  }
  return names;
};

const isRecord = (data: unknown): data is Record<string, unknown> =>
  data !== null && typeof data === 'object' && !Array.isArray(data);

const holdsFlat = (names: readonly string[], data: unknown): boolean =>
  isRecord(data) &&
  names.some((name) => typeof data[name] === 'string' && Object.hasOwn(data, name));

const mapFlat = (
  names: readonly string[],
  data: Record<string, unknown>,
  transform: (text: string) => string,
): Record<string, unknown> => {
  const out = { ...data };
  for (const name of names) {
    const value = out[name];
    if (typeof value === 'string' && Object.hasOwn(out, name)) out[name] = transform(value);
  }
  return out;
};

/**
 * Seals personal fields at append and opens them where events are read. Sealed values carry their
 * key id, so opening needs no classification: any reader with the keyring opens them, and a value
 * whose key was deleted (its subject forgotten) reads as the REDACTED marker.
 */
export const personalDataCodec = ({
  keyring,
  catalog = {},
}: PersonalDataCodecOptions): EventCodec => ({
  async seal(streamId: string, events: readonly NewEvent[]): Promise<readonly NewEvent[]> {
    // Each subject's key is looked up once per append, and its sealer (imported key, key id as
    // associated data) built once: a batch pays per value only its cipher.
    const sealers = new Map<string, ((text: string) => string) | undefined>();
    const sealerOf = async (subject: string) => {
      if (sealers.has(subject)) return sealers.get(subject);
      const key = await keyring.keyFor(subject);
      const sealer = key && textSealer(key.key, key.keyId);
      sealers.set(subject, sealer);
      return sealer;
    };
    let recorded: string | undefined;
    const sealed: NewEvent[] = [];
    for (const event of events) {
      const declaration = catalog[event.type];
      if (!declaration) {
        sealed.push(event);
        continue;
      }
      const named = declaration.subject(event.data);
      // Recording the same subject again is a no-op: once per run of events naming it.
      if (named !== undefined && named !== recorded) {
        await keyring.recordStreamSubject(streamId, named);
        recorded = named;
      }
      const flat = flatPersonalFields(declaration.fields);
      if (flat ? !holdsFlat(flat, event.data) : !holdsPersonal(declaration.fields, event.data)) {
        sealed.push(event);
        continue;
      }
      // Not named by the event: the stream's subject; a stream written before any event named
      // its subject is its own subject.
      const subject = named ?? (await keyring.subjectOfStream(streamId)) ?? streamId;
      const sealer =
        (sealers.has(subject) ? sealers.get(subject) : await sealerOf(subject)) ?? redact;
      const data = flat
        ? mapFlat(flat, event.data as Record<string, unknown>, sealer)
        : mapPersonal(declaration.fields, event.data, sealer);
      sealed.push({ ...event, data });
    }
    return sealed;
  },

  async open(events: readonly RecordedEvent[]): Promise<readonly RecordedEvent[]> {
    const opened = await openAll(
      keyring,
      events.map((event) => event.data),
      (index) => `event ${events[index]!.eventId} of ${events[index]!.streamId}`,
    );
    return events.map((event, index) =>
      opened[index] === event.data ? event : { ...event, data: opened[index] },
    );
  },
});
