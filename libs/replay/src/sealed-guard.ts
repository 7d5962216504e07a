import { type EventCodec, type RecordedEvent } from '@ledgerline/event-store';
import { isSealed, SEALED_PREFIX } from '@ledgerline/privacy';
import { ReplayError } from './errors';

const holdsSealed = (value: unknown): boolean => {
  if (isSealed(value)) return true;
  if (Array.isArray(value)) return value.some(holdsSealed);
  if (value !== null && typeof value === 'object') return Object.values(value).some(holdsSealed);
  return false;
};

/**
 * The codec of a replay given no keyring (`ReplayDeps.codecFor`): events pass as stored, except
 * that one holding a sealed personal value stops the replay before anything is written. Copied as
 * stored, the ciphertext would land in the view where queries serve it, and a forget would leave
 * it there (a scrub looks for the plaintext, not for ciphertext).
 */
export const refusingSealedValues = (schema: string): EventCodec => ({
  seal: (_streamId, events) => Promise.resolve(events),
  open(events: readonly RecordedEvent[]) {
    const sealed = events.find((event) => holdsSealed(event.data));
    if (!sealed) return Promise.resolve(events);
    return Promise.reject(
      new ReplayError(
        'sealed-without-keyring',
        `${schema} event ${sealed.globalPosition} (${sealed.type}, ${sealed.streamId}) holds sealed ` +
          `personal fields (${SEALED_PREFIX}…) and this replay has no keyring to open them: give it ` +
          `the master key (PRIVACY_KEK_FILE; the platform CLI opens them with it), or pass ` +
          `copySealedValues to copy them into the view as stored`,
      ),
    );
  },
});
