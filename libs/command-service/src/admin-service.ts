import { errorReference, type ServiceBinding, unaryHandlers, type Logger } from '@ledgerline/grpc';
import { loadPackage, type platformV1 } from '@ledgerline/proto';
import { type Relay } from '@ledgerline/relay';

/** The operator's AdminService: this process's relay status (leadership, checkpoint, lag). */
export const adminService = (relay: Relay | undefined, logger: Logger): ServiceBinding => {
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
  };
  return { definition: AdminService.service, implementation };
};
