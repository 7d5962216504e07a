import type { DomainEvent } from './decider';

/**
 * How one string field of an event is treated at rest: `personal` values (free text a person
 * wrote or that describes a person) are encrypted under their subject's data key and can be
 * forgotten; `safe` values (ids, codes, enums, times, system-written text) are stored as they are.
 * Money and other numbers are never personal, so ledgers stay exact after a subject is forgotten.
 */
export type FieldPrivacy = 'personal' | 'safe';

/** Read where a personal value of a forgotten subject used to be. */
export const REDACTED = '[redacted]';

/**
 * The classification a field of type `T` needs: a string is marked, an array classifies its items
 * (`{ each: … }`), an object its own fields; numbers and booleans need none.
 */
export type PrivacyOf<T> = [NonNullable<T>] extends [string]
  ? FieldPrivacy
  : NonNullable<T> extends readonly (infer Item)[]
    ? { readonly each: FieldsPrivacy<Item> }
    : NonNullable<T> extends object
      ? FieldsPrivacy<NonNullable<T>>
      : never;

type ClassifiedKeys<T> = {
  [K in keyof T]-?: [PrivacyOf<T[K]>] extends [never] ? never : K;
}[keyof T];

/** Every field of `T` that holds text, each marked: a new string field fails to compile unmarked. */
export type FieldsPrivacy<T> = { readonly [K in ClassifiedKeys<T>]-?: PrivacyOf<T[K]> };

/** The classification of one event type: its text fields, and whose personal data they are. */
export interface EventPrivacy<Event extends DomainEvent> {
  /**
   * The subject (a customer's or merchant's id) the event's personal fields belong to, or
   * undefined when the event does not name it: then the subject its stream was first written for.
   */
  readonly subject: (data: Event['data']) => string | undefined;
  readonly fields: FieldsPrivacy<Event['data']>;
}

/** One classification per event type of a context (a missing type fails to compile). */
export type PrivacyDeclarations<Event extends DomainEvent> = {
  readonly [Type in Event['type']]: EventPrivacy<Extract<Event, { type: Type }>>;
};

/** What the event store needs: any event type's classification, looked up by its name. */
export type PrivacyCatalog = Readonly<Record<string, EventPrivacy<DomainEvent>>>;

/** The dotted paths of a classification's personal fields (`lines[].description`). */
export const personalPaths = (fields: FieldsPrivacy<unknown>, prefix = ''): string[] =>
  Object.entries(fields as Record<string, unknown>).flatMap(([name, mark]) => {
    const path = `${prefix}${name}`;
    if (mark === 'personal') return [path];
    if (mark === 'safe') return [];
    const nested = mark as { each?: FieldsPrivacy<unknown> };
    if (nested.each) return personalPaths(nested.each, `${path}[].`);
    return personalPaths(mark as FieldsPrivacy<unknown>, `${path}.`);
  });

/**
 * Every string in `data` that its classification does not mark (dotted paths as above): empty
 * when the classification covers the event. For tests of a declaration against sample events.
 */
export const unclassifiedStrings = (
  fields: FieldsPrivacy<unknown>,
  data: unknown,
  prefix = '',
): string[] => {
  if (data === null || typeof data !== 'object') return [];
  const marks = fields as Record<string, unknown>;
  return Object.entries(data as Record<string, unknown>).flatMap(([name, value]) => {
    const path = `${prefix}${name}`;
    const mark = marks[name];
    if (typeof value === 'string') return mark === 'personal' || mark === 'safe' ? [] : [path];
    if (Array.isArray(value)) {
      const each = (mark as { each?: FieldsPrivacy<unknown> } | undefined)?.each;
      return value.flatMap((item) =>
        typeof item === 'string'
          ? [`${path}[]`]
          : unclassifiedStrings(each ?? {}, item, `${path}[].`),
      );
    }
    if (value !== null && typeof value === 'object') {
      return unclassifiedStrings(mark ?? {}, value, `${path}.`);
    }
    return [];
  });
};

/** Applies `transform` to each personal string value of `data` (a copy; `data` is untouched). */
export const mapPersonal = (
  fields: FieldsPrivacy<unknown>,
  data: unknown,
  transform: (value: string) => string,
): unknown => {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  const marks = fields as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(data as Record<string, unknown>)) {
    const mark = marks[name];
    if (typeof value === 'string') out[name] = mark === 'personal' ? transform(value) : value;
    else if (Array.isArray(value)) {
      const each = (mark as { each?: FieldsPrivacy<unknown> } | undefined)?.each;
      out[name] = each ? value.map((item) => mapPersonal(each, item, transform)) : value;
    } else if (value !== null && typeof value === 'object' && mark !== undefined) {
      out[name] = mapPersonal(mark as FieldsPrivacy<unknown>, value, transform);
    } else out[name] = value;
  }
  return out;
};

/**
 * Whether `mapPersonal` would transform anything in `data`. Walks the classification (a few names)
 * rather than the data, and copies nothing: the store asks it of every event it appends.
 */
export const holdsPersonal = (fields: FieldsPrivacy<unknown>, data: unknown): boolean => {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return false;
  const marks = fields as Record<string, unknown>;
  const values = data as Record<string, unknown>;
  for (const name in marks) {
    if (!Object.hasOwn(marks, name) || !Object.hasOwn(values, name)) continue;
    const mark = marks[name];
    const value = values[name];
    if (typeof value === 'string') {
      if (mark === 'personal') return true;
    } else if (Array.isArray(value)) {
      const each = (mark as { each?: FieldsPrivacy<unknown> } | undefined)?.each;
      if (each && value.some((item) => holdsPersonal(each, item))) return true;
    } else if (value !== null && typeof value === 'object' && mark !== undefined) {
      if (holdsPersonal(mark as FieldsPrivacy<unknown>, value)) return true;
    }
  }
  return false;
};

/** A context's declarations as the store looks them up (by event type name, data unknown). */
export const privacyCatalog = <Event extends DomainEvent>(
  declarations: PrivacyDeclarations<Event>,
): PrivacyCatalog => declarations;
