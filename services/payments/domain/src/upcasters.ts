/**
 * Per event type, the steps that bring data stored at an older schema version up to the current
 * one (`[0]` turns v1 into v2…); the event store applies them on every read, so deciders, views
 * and the relay only ever see the current shape. The published schemas of every version stay in
 * docs/events/schemas/payment/.
 */
export const paymentUpcasters: Readonly<Record<string, readonly ((data: unknown) => unknown)[]>> = {
  PaymentCreated: [
    // v1 → v2: `ownerId` became required; v1 left it out for a payment nobody owns.
    (data) => {
      const v1 = data as { readonly ownerId?: string };
      return { ...v1, ownerId: v1.ownerId ?? null };
    },
  ],
};
