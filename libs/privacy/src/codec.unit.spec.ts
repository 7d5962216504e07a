import { type PrivacyCatalog, type PrivacyDeclarations, REDACTED } from '@ledgerline/domain';
import { type DomainEvent } from '@ledgerline/domain';
import { type RecordedEvent } from '@ledgerline/event-store';
import { randomBytes, randomUUID } from 'node:crypto';
import { SEALED_PREFIX } from './cipher';
import { personalDataCodec } from './codec';
import { type DataKey, type Keyring } from './keyring';

type NoteAdded = DomainEvent<
  'NoteAdded',
  { readonly noteId: string; readonly ownerId?: string; readonly text: string | null }
>;

const declarations = {
  NoteAdded: {
    subject: (data) => data.ownerId,
    fields: { noteId: 'safe', ownerId: 'safe', text: 'personal' },
  },
} satisfies PrivacyDeclarations<NoteAdded>;
const catalog = declarations as unknown as PrivacyCatalog;

/** Keys in memory: the codec's logic alone (the Postgres keyring has its own integration test). */
const memoryKeyring = (): Keyring & { subjects: Map<string, DataKey | null> } => {
  const subjects = new Map<string, DataKey | null>();
  const streams = new Map<string, string>();
  return {
    subjects,
    keyFor: (subject) => {
      if (!subjects.has(subject))
        subjects.set(subject, { keyId: randomUUID(), key: randomBytes(32) });
      return Promise.resolve(subjects.get(subject) ?? undefined);
    },
    keysById: (ids) =>
      Promise.resolve(
        new Map(
          [...subjects.values()]
            .filter((key): key is DataKey => key !== null && ids.includes(key.keyId))
            .map((key) => [key.keyId, key.key]),
        ),
      ),
    subjectOfStream: (stream) => Promise.resolve(streams.get(stream)),
    recordStreamSubject: (stream, subject) => {
      streams.set(stream, subject);
      return Promise.resolve();
    },
    forget: (subject) => {
      subjects.set(subject, null);
      return Promise.resolve({ alreadyForgotten: false, streams: [] });
    },
  };
};

const recorded = (streamId: string, data: unknown): RecordedEvent => ({
  type: 'NoteAdded',
  data,
  eventId: randomUUID(),
  streamId,
  streamVersion: 1,
  globalPosition: 1,
  transactionId: '1',
  schemaVersion: 1,
  metadata: {},
  recordedAt: new Date(),
});

describe('the personal data codec', () => {
  it('seals only personal fields, and opens them again', async () => {
    const codec = personalDataCodec({ keyring: memoryKeyring(), catalog });
    const [sealed] = await codec.seal('note-1', [
      { type: 'NoteAdded', data: { noteId: 'n-1', ownerId: 'ada', text: 'call me at 555' } },
    ]);
    const data = sealed!.data as { noteId: string; text: string };
    expect(data.noteId).toBe('n-1');
    expect(data.text).not.toContain('555');
    const [opened] = await codec.open([recorded('note-1', data)]);
    expect(opened!.data).toEqual({ noteId: 'n-1', ownerId: 'ada', text: 'call me at 555' });
  });

  it('a later event without a subject uses the subject its stream was written for', async () => {
    const keyring = memoryKeyring();
    const codec = personalDataCodec({ keyring, catalog });
    await codec.seal('note-1', [
      { type: 'NoteAdded', data: { noteId: 'n-1', ownerId: 'ada', text: 'x' } },
    ]);
    const [later] = await codec.seal('note-1', [
      { type: 'NoteAdded', data: { noteId: 'n-1', text: 'y' } },
    ]);
    await keyring.forget('ada');
    const [opened] = await codec.open([recorded('note-1', later!.data)]);
    expect(opened!.data).toEqual({ noteId: 'n-1', text: REDACTED });
  });

  it('reads a forgotten subject’s fields as the marker, another subject’s as written', async () => {
    const keyring = memoryKeyring();
    const codec = personalDataCodec({ keyring, catalog });
    const [ada] = await codec.seal('note-1', [
      { type: 'NoteAdded', data: { noteId: 'n-1', ownerId: 'ada', text: 'mine' } },
    ]);
    const [bob] = await codec.seal('note-2', [
      { type: 'NoteAdded', data: { noteId: 'n-2', ownerId: 'bob', text: 'his' } },
    ]);
    await keyring.forget('ada');
    const opened = await codec.open([recorded('note-1', ada!.data), recorded('note-2', bob!.data)]);
    expect(opened.map((event) => (event.data as { text: string }).text)).toEqual([REDACTED, 'his']);
  });

  it('stores a forgotten subject’s new personal fields already redacted', async () => {
    const keyring = memoryKeyring();
    await keyring.forget('ada');
    const codec = personalDataCodec({ keyring, catalog });
    const [sealed] = await codec.seal('note-1', [
      { type: 'NoteAdded', data: { noteId: 'n-1', ownerId: 'ada', text: 'again' } },
    ]);
    expect(sealed!.data).toEqual({ noteId: 'n-1', ownerId: 'ada', text: REDACTED });
  });

  it('looks up each subject’s key once per append and records the stream’s subject once', async () => {
    // given a keyring that counts its calls
    const keyring = memoryKeyring();
    const keyFor = jest.spyOn(keyring, 'keyFor');
    const record = jest.spyOn(keyring, 'recordStreamSubject');
    const codec = personalDataCodec({ keyring, catalog });
    // when one append seals 50 events of one subject and one of another
    const events = Array.from({ length: 50 }, (_, index) => ({
      type: 'NoteAdded',
      data: { noteId: `n-${index}`, ownerId: 'ada', text: `note ${index}` },
    }));
    const sealed = await codec.seal('note-1', [
      ...events,
      { type: 'NoteAdded', data: { noteId: 'n-b', ownerId: 'bob', text: 'his' } },
    ]);
    // then each subject's key was asked for once, and every event opens on its own
    expect(keyFor.mock.calls).toEqual([['ada'], ['bob']]);
    expect(record.mock.calls).toEqual([
      ['note-1', 'ada'],
      ['note-1', 'bob'],
    ]);
    const opened = await Promise.all(
      sealed.map(async (event) => (await codec.open([recorded('note-1', event.data)]))[0]!.data),
    );
    expect(opened.map((data) => (data as { text: string }).text)).toEqual([
      ...events.map((event) => event.data.text),
      'his',
    ]);
  });

  it('seals top-level and nested classifications alike, every other field as given', async () => {
    // given a flat classification (top-level marks only) and a nested one, each with fields the
    // classification leaves alone (a number, an unmarked object)
    const nested = {
      OrderPlaced: {
        subject: (data: { customerId: string }) => data.customerId,
        fields: { customerId: 'safe', address: { street: 'personal', city: 'safe' } },
      },
    } as unknown as PrivacyCatalog;
    const keyring = memoryKeyring();
    const codec = personalDataCodec({ keyring, catalog: { ...catalog, ...nested } });
    const meta = { source: 'import' };
    const note = { noteId: 'n-1', ownerId: 'ada', text: 'call me', count: 3, meta };
    const order = { customerId: 'ada', address: { street: '12 Analytical Row', city: 'London' } };
    // when both are sealed in one append
    const [sealedNote, sealedOrder] = await codec.seal('s-1', [
      { type: 'NoteAdded', data: note },
      { type: 'OrderPlaced', data: order },
    ]);
    // then only the personal strings changed (the given data untouched), and both open again
    const noteData = sealedNote!.data as typeof note;
    const orderData = sealedOrder!.data as typeof order;
    expect(noteData.text.startsWith(SEALED_PREFIX)).toBe(true);
    expect({ ...noteData, text: 'call me' }).toEqual(note);
    expect(orderData.address.street.startsWith(SEALED_PREFIX)).toBe(true);
    expect({
      ...orderData,
      address: { ...orderData.address, street: '12 Analytical Row' },
    }).toEqual(order);
    expect(note.text).toBe('call me');
    const opened = await codec.open([
      recorded('s-1', sealedNote!.data),
      recorded('s-1', sealedOrder!.data),
    ]);
    expect(opened.map((event) => event.data)).toEqual([note, order]);
  });

  it('leaves events of unclassified types and null personal fields as they are', async () => {
    const codec = personalDataCodec({ keyring: memoryKeyring(), catalog });
    const other = { type: 'Other', data: { text: 'plain' } };
    const empty = { type: 'NoteAdded', data: { noteId: 'n-1', ownerId: 'ada', text: null } };
    await expect(codec.seal('s-1', [other, empty])).resolves.toEqual([other, empty]);
  });
});
