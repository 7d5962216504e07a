import { checkText, InvalidInput, NotFound } from '@ledgerline/domain';
import { errorReference, type Logger, type ServiceBinding, unaryHandlers } from '@ledgerline/grpc';
import { loadPackage, type sagasV1 } from '@ledgerline/proto';
import { type SagaOperator, SagaNotFound, type SagaSummary } from './operator';
import { isSagaStatus } from './saga';

const toSummary = (s: SagaSummary): sagasV1.SagaSummary => ({
  sagaId: s.sagaId,
  type: s.type,
  status: s.status,
  version: s.version,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

const notFound = (error: unknown): never => {
  if (error instanceof SagaNotFound) throw new NotFound('saga', error.sagaId);
  throw error;
};

// Ids and types are looked up in PostgreSQL, which cannot hold a NUL in text.
const requireId = (sagaId: string | undefined): string => {
  if (!sagaId) throw new InvalidInput('sagaId', 'is required');
  return checkText('sagaId', sagaId);
};

/** `ledgerline.sagas.v1.SagaAdminService` over a saga schema's operator functions. */
export const sagaAdminService = (operator: SagaOperator, logger: Logger): ServiceBinding => {
  const { SagaAdminService } = loadPackage(['ledgerline/sagas/v1/sagas_admin.proto']).ledgerline
    .sagas.v1;
  const unary = unaryHandlers({ logger });
  const implementation: sagasV1.SagaAdminServiceHandlers = {
    ListSagas: unary(
      async (request: sagasV1.ListSagasRequest): Promise<sagasV1.ListSagasResponse> => {
        const status = request.status ?? '';
        if (status !== '' && !isSagaStatus(status))
          throw new InvalidInput(
            'status',
            'must be running, compensating, completed, compensated or compensation_failed',
          );
        const limit = request.limit ?? 0;
        if (limit < 0 || limit > 10_000) throw new InvalidInput('limit', 'must be 0 to 10000');
        const sagas = await operator.list({
          ...(status !== '' && { status }),
          ...(request.type && { type: checkText('type', request.type) }),
          limit: limit === 0 ? 100 : limit,
        });
        return { sagas: sagas.map(toSummary) };
      },
    ),
    GetSaga: unary(async (request: sagasV1.GetSagaRequest): Promise<sagasV1.GetSagaResponse> => {
      const saga = await operator.show(requireId(request.sagaId)).catch(notFound);
      return {
        saga: toSummary(saga),
        stateJson: JSON.stringify(saga.state),
        history: saga.history.map((h) => ({
          version: h.version,
          inputId: h.inputId,
          inputJson: JSON.stringify(h.input),
          status: h.status,
          commandsJson: JSON.stringify(h.commands),
          recordedAt: h.recordedAt,
        })),
        commands: saga.commands.map((c) => ({
          step: c.step,
          status: c.status,
          compensation: c.compensation,
          attempts: c.attempts,
          lastError: errorReference(c.lastError, logger),
          idempotencyKey: c.idempotencyKey,
          commandJson: JSON.stringify(c.command),
          generation: c.generation,
          nextAttemptAt: c.nextAttemptAt,
        })),
        deadlineName: saga.deadline?.name ?? '',
        deadlineDueAt: saga.deadline?.dueAt ?? '',
      };
    }),
    RetrySaga: unary(
      async (request: sagasV1.RetrySagaRequest): Promise<sagasV1.RetrySagaResponse> => {
        const result = await operator.retry(requireId(request.sagaId)).catch(notFound);
        return { steps: [...result.steps], status: result.status };
      },
    ),
  };
  return { definition: SagaAdminService.service, implementation };
};
