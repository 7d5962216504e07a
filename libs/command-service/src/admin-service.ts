import { InvalidInput } from '@ledgerline/domain';
import {
  actorOf,
  callerOf,
  errorReference,
  type ServiceBinding,
  unaryHandlers,
  type Logger,
} from '@ledgerline/grpc';
import { loadPackage, type platformV1 } from '@ledgerline/proto';
import { type Relay } from '@ledgerline/relay';

/** Forgets a subject in this process's context (libs/privacy `forgetInContext`). */
export type ForgetSubject = (
  subject: string,
  actor: string | undefined,
) => Promise<{ alreadyForgotten: boolean; streams: number }>;

/**
 * The operator's AdminService: this process's relay status (leadership, checkpoint, lag), and
 * forgetting a subject in its context.
 */
export const adminService = (
  relay: Relay | undefined,
  logger: Logger,
  forget?: ForgetSubject,
): ServiceBinding => {
  const { AdminService } = loadPackage(['ledgerline/platform/v1/admin.proto']).ledgerline.platform
    .v1;
  const unary = unaryHandlers({ logger });
  const implementation: platformV1.AdminServiceHandlers = {
    GetRelayStatus: unary(async (): Promise<platformV1.GetRelayStatusResponse> => {
      if (!relay) return { enabled: false };
      const status = relay.status();
      const lag = status.leader ? await relay.lag() : { events: 0, seconds: 0 };
      return {
        enabled: true,
        name: status.name,
        leader: status.leader,
        checkpointTransactionId: status.checkpoint.transactionId,
        checkpointPosition: String(status.checkpoint.position),
        published: String(status.published),
        lagEvents: String(lag.events),
        lagSeconds: lag.seconds,
        lastError: errorReference(status.lastError, logger),
      };
    }),
    ForgetSubject: unary(async (request, call): Promise<platformV1.ForgetSubjectResponse> => {
      const subject = request.subjectId.trim();
      if (!subject) throw new InvalidInput('subject_id', 'must name a subject');
      if (!forget) throw new Error('this process keeps no personal data');
      const caller = callerOf(call.metadata);
      const { alreadyForgotten, streams } = await forget(
        subject,
        caller === undefined ? undefined : actorOf(caller),
      );
      // The subject's id is an id, never personal: the log names whom, not what.
      logger.warn({ subject, alreadyForgotten, streams }, 'subject forgotten');
      return { alreadyForgotten, streams: String(streams) };
    }),
  };
  return { definition: AdminService.service, implementation };
};
