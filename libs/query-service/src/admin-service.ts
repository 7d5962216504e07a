import { InvalidInput } from '@ledgerline/domain';
import { errorReference, type Logger, type ServiceBinding, unaryHandlers } from '@ledgerline/grpc';
import { type TopicAdmin } from '@ledgerline/messaging';
import {
  type HeadSource,
  measureLag,
  type Projection,
  type ProjectionLag,
  type Projector,
  RuntimeState,
} from '@ledgerline/projections';
import { loadPackage, type platformV1 } from '@ledgerline/proto';
import { type Pool } from 'pg';

export interface ProjectionsAdminSettings {
  readonly projections: readonly Projection[];
  /** The projectors this process runs, by projection name. */
  readonly projectors: ReadonlyMap<string, Projector>;
  readonly pool: Pool;
  readonly schema: string;
  readonly admin: TopicAdmin;
  readonly headSources: ReadonlyMap<string, HeadSource>;
  readonly logger: Logger;
}

const partitionsOf = (lag: ProjectionLag): platformV1.PartitionStatus[] =>
  lag.partitions.map((p) => ({
    topic: p.topic,
    partition: p.partition,
    latestOffset: p.latestOffset,
    appliedOffset: p.appliedOffset ?? '-1',
    lagEvents: String(p.events),
  }));

/**
 * The operator's ProjectionsAdminService: every projection's progress, parked events and lag.
 * A projection this process does not run is reported from the shared checkpoints.
 */
export const projectionsAdminService = (settings: ProjectionsAdminSettings): ServiceBinding => {
  const { ProjectionsAdminService } = loadPackage([
    'ledgerline/platform/v1/projections_admin.proto',
  ]).ledgerline.platform.v1;
  const state = new RuntimeState(settings.schema);
  const unary = unaryHandlers({ logger: settings.logger });

  const statusOf = async (projection: Projection): Promise<platformV1.ProjectionStatus> => {
    const projector = settings.projectors.get(projection.name);
    if (projector) {
      const s = await projector.status();
      return {
        projection: s.projection,
        sink: s.sink,
        running: s.running,
        groupId: s.groupId,
        applied: String(s.totals.applied),
        duplicates: String(s.totals.duplicates),
        skipped: String(s.totals.skipped),
        batches: String(s.totals.batches),
        parked: String(s.parked),
        lastError: errorReference(s.lastError, settings.logger),
        lagEvents: String(s.lag.events),
        ...(s.lag.seconds !== null && { lagSeconds: s.lag.seconds }),
        partitions: partitionsOf(s.lag),
        ...(s.visibleLag.p50Seconds !== null && { visibleLagP50Seconds: s.visibleLag.p50Seconds }),
        ...(s.visibleLag.p99Seconds !== null && { visibleLagP99Seconds: s.visibleLag.p99Seconds }),
        visibleLagSamples: String(s.visibleLag.samples),
        visibleLagWindowSeconds: s.visibleLag.windowSeconds,
      };
    }
    const [lag, parked] = await Promise.all([
      measureLag({
        pool: settings.pool,
        state,
        admin: settings.admin,
        projection,
        headSource: settings.headSources.get(projection.name),
      }),
      state.listParked(settings.pool, projection.name),
    ]);
    return {
      projection: projection.name,
      sink: projection.sink,
      running: false,
      groupId: `ledgerline.projection.${projection.name}`,
      parked: String(parked.length),
      lagEvents: String(lag.events),
      ...(lag.seconds !== null && { lagSeconds: lag.seconds }),
      partitions: partitionsOf(lag),
    };
  };

  const implementation: platformV1.ProjectionsAdminServiceHandlers = {
    GetProjectionStatus: unary(
      async (
        request: platformV1.GetProjectionStatusRequest__Output,
      ): Promise<platformV1.GetProjectionStatusResponse> => {
        const wanted = settings.projections.filter(
          (p) => request.projection === '' || p.name === request.projection,
        );
        if (wanted.length === 0)
          throw new InvalidInput('projection', `no projection named "${request.projection}"`);
        return { projections: await Promise.all(wanted.map(statusOf)) };
      },
    ),
  };
  return { definition: ProjectionsAdminService.service, implementation };
};
