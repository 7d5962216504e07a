import { measureLag, RuntimeState } from '@ledgerline/projections';
import {
  describeTarget,
  dropOld,
  listCopies,
  rebuild,
  rollback,
  type SwitchSummary,
} from '@ledgerline/replay';
import { type Command, type CommandGroup, intOption } from '../command';
import { type CliContext } from '../context';
import { findView } from '../find-view';
import { count, ms, table } from '../render';

const projection = { name: 'projection', description: 'a name from `platform projections list`' };

const summaryText = (s: SwitchSummary): string =>
  [
    `${s.projection}: generation ${s.live.generation} (${describeTarget(s.live.target)}) is live; ` +
      `generation ${s.previous.generation} kept as the old copy`,
    `  events ${count(s.events)} in ${ms(s.durationMs)} (${count(s.eventsPerSecond)} events/s, ${s.path} path${s.resumed ? ', resumed' : ''})`,
    `  catch-up ${ms(s.catchUpMs)} (live copy caught up by ${count(s.liveCatchUpEvents)} events), ` +
      `live projector frozen ${ms(s.frozenMs)}, switch ${ms(s.switchMs)}, queries paused ${ms(s.switchPauseMs)}`,
    `  verification: ${s.verification ? (s.verification.equal ? 'equal' : 'differences accepted') : 'skipped'}`,
    ...(s.verification && !s.verification.equal
      ? s.verification.tables.flatMap((t) => [
          `    ${t.name}: live ${count(t.liveRows)}, new ${count(t.shadowRows)}, ${t.onlyInLive} only in live, ${t.onlyInShadow} only in new`,
          ...t.samples.map((sample) => `      ${sample}`),
        ])
      : []),
    ...(s.dropped.length > 0 ? [`  dropped old generation(s) ${s.dropped.join(', ')}`] : []),
  ].join('\n');

const list: Command = {
  name: 'list',
  summary: 'the platform’s projections, with what they serve',
  run(_parsed, context) {
    const views = context.views().map((v) => ({
      name: v.name,
      service: v.service,
      sink: v.sink,
      serves: v.serves,
      source: v.view.source,
    }));
    return Promise.resolve({
      data: views,
      text: table(
        ['PROJECTION', 'SERVICE', 'SINK', 'SERVES', 'EVENTS FROM'],
        views.map((v) => [
          v.name,
          v.service,
          v.sink,
          v.serves.join(', '),
          `${v.source.schema} (${v.source.categories.join(', ')})`,
        ]),
      ),
    });
  },
};

const status: Command = {
  name: 'status',
  summary: 'copies (live, filling, old), parked events and lag of one projection',
  positionals: [projection],
  async run(parsed, context) {
    const { view } = findView(context, parsed.positionals[0]);
    const deps = replay(context);
    const copies = await listCopies(deps, view);
    const state = new RuntimeState(view.runtimeSchema);
    const parked = await state.listParked(context.pool(), view.projection.name).catch(() => []);
    const admin = await context.messaging().admin();
    const lag = await measureLag({
      pool: context.pool(),
      state,
      admin,
      projection: view.projection,
    })
      .catch(() => null)
      .finally(() => admin.close());
    const data = {
      projection: view.projection.name,
      copies,
      parked: parked.length,
      lagEvents: lag?.events ?? null,
    };
    return {
      data,
      text: [
        `${data.projection}: ${data.parked} parked, lag ${data.lagEvents ?? 'unknown'} events`,
        table(
          ['GEN', 'STATUS', 'WHERE', 'EVENTS', 'CHECKPOINT', 'SWITCHED'],
          copies.map((c) => [
            String(c.generation),
            c.status,
            describeTarget(c.target),
            count(c.events),
            c.checkpoint ? `${c.checkpoint.transactionId}/${c.checkpoint.position}` : '-',
            c.switchedAt?.toISOString() ?? '-',
          ]),
        ),
      ].join('\n'),
    };
  },
};

const replay = (context: CliContext) => context.replayDeps();

const rebuildCommand: Command = {
  name: 'rebuild',
  summary: 'rebuild a view from the event store into a new copy and switch to it',
  positionals: [projection],
  options: [
    { name: 'no-verify', type: 'boolean', description: 'switch without comparing the copies' },
    {
      name: 'accept-differences',
      type: 'boolean',
      description: 'switch even if verification finds differences (they are reported)',
    },
    { name: 'batch-size', type: 'string', description: 'events per batch', default: '10000' },
    { name: 'keep-old', type: 'string', description: 'old copies kept for rollback', default: '1' },
    {
      name: 'restart',
      type: 'boolean',
      description: 'drop a half-filled copy instead of resuming it',
    },
  ],
  details:
    'Queries keep reading the live copy until the switch. A killed rebuild resumes where it\n' +
    'stopped. Exit 4: another rebuild runs; 5: verification found differences (not switched);\n' +
    '6: an event cannot be applied (not switched).',
  async run(parsed, context) {
    const { view } = findView(context, parsed.positionals[0]);
    const deps = replay(context);
    try {
      const summary = await rebuild(deps, view, {
        verify: parsed.options['no-verify'] !== true,
        acceptDifferences: parsed.options['accept-differences'] === true,
        batchSize: intOption(parsed, 'batch-size', 10_000, 1),
        keepOld: intOption(parsed, 'keep-old', 1, 0),
        restart: parsed.options['restart'] === true,
      });
      return { data: summary, text: summaryText(summary) };
    } finally {
      deps.end();
    }
  },
};

const rollbackCommand: Command = {
  name: 'rollback',
  summary: 'make the previous copy live again (caught up first), keeping the current as old',
  positionals: [projection],
  options: [
    { name: 'batch-size', type: 'string', description: 'events per batch', default: '10000' },
  ],
  async run(parsed, context) {
    const { view } = findView(context, parsed.positionals[0]);
    const deps = replay(context);
    try {
      const summary = await rollback(deps, view, {
        batchSize: intOption(parsed, 'batch-size', 10_000, 1),
      });
      return { data: summary, text: summaryText(summary) };
    } finally {
      deps.end();
    }
  },
};

const dropOldCommand: Command = {
  name: 'drop-old',
  summary: 'drop old copies of a projection (rollback is then no longer possible)',
  positionals: [projection],
  options: [
    { name: 'keep', type: 'string', description: 'newest old copies to keep', default: '0' },
    { name: 'filling', type: 'boolean', description: 'also drop a half-filled copy' },
  ],
  async run(parsed, context) {
    const { view } = findView(context, parsed.positionals[0]);
    const dropped = await dropOld(replay(context), view, {
      keep: intOption(parsed, 'keep', 0, 0),
      filling: parsed.options['filling'] === true,
    });
    return {
      data: { projection: view.projection.name, dropped },
      text:
        dropped.length > 0
          ? `${view.projection.name}: dropped generation(s) ${dropped.join(', ')}`
          : `${view.projection.name}: nothing to drop`,
    };
  },
};

export const projectionsGroup: CommandGroup = {
  name: 'projections',
  summary: 'list, inspect, rebuild, roll back and clean up views',
  commands: [list, status, rebuildCommand, rollbackCommand, dropOldCommand],
};
