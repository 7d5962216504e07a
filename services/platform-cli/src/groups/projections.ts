import { measureLag, RuntimeState } from '@ledgerline/projections';
import {
  type CacheOutcome,
  describeTarget,
  dropOld,
  listCopies,
  parseResetTarget,
  rebuild,
  reset,
  type ResetSummary,
  rollback,
  type SwitchSummary,
} from '@ledgerline/replay';
import { type Command, type CommandGroup, intOption, stringOption, UsageError } from '../command';
import { type CliContext } from '../context';
import { EXIT } from '../exit-codes';
import { findView } from '../find-view';
import { count, ms, table } from '../render';

const projection = { name: 'projection', description: 'a name from `platform projections list`' };

const cacheText = (cache: CacheOutcome): string[] =>
  cache.namespace === null
    ? []
    : cache.retired
      ? [`  cache ${cache.namespace} retired (entries of the old copy are misses now)`]
      : [
          `  cache ${cache.namespace} NOT retired (${cache.error ?? 'unknown'}): cached rows of ` +
            'the old copy may be served until their TTL ends',
        ];

/** Switched, but the cache may still serve the old copy's rows: partly done. */
const exitOf = (cache: CacheOutcome) =>
  cache.namespace !== null && !cache.retired ? { exitCode: EXIT.partial } : {};

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
    ...cacheText(s.cache),
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
      return { data: summary, text: summaryText(summary), ...exitOf(summary.cache) };
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
      return { data: summary, text: summaryText(summary), ...exitOf(summary.cache) };
    } finally {
      deps.end();
    }
  },
};

const resetText = (s: ResetSummary): string =>
  [
    `${s.projection}: reset to ${s.target}; generation ${s.live.generation} ` +
      `(${describeTarget(s.live.target)}) is live, holding the events up to ` +
      `${s.heldUpTo.transactionId}/${s.heldUpTo.position}; generation ${s.previous.generation} kept as the old copy`,
    `  events ${count(s.events)} from the store in ${ms(s.fillMs)}, live projector frozen ${ms(s.frozenMs)}`,
    `  replaying ${count(s.messagesToReplay)} messages from Kafka (events already held are skipped):`,
    ...s.replay.map((p) => `    ${p.topic}/${p.partition} from offset ${p.from} (end ${p.latest})`),
    ...(s.dropped.length > 0 ? [`  dropped old generation(s) ${s.dropped.join(', ')}`] : []),
    ...cacheText(s.cache),
  ].join('\n');

const resetCommand: Command = {
  name: 'reset',
  summary: 'take a Postgres view back to a point and replay what follows from Kafka',
  positionals: [projection],
  options: [
    {
      name: 'to',
      type: 'string',
      description: 'start, a global position, <transaction id>/<position> or an ISO 8601 time',
    },
    { name: 'batch-size', type: 'string', description: 'events per batch', default: '10000' },
    { name: 'keep-old', type: 'string', description: 'old copies kept for rollback', default: '1' },
  ],
  details:
    'A new copy is filled from the event store with the events up to the point and switched in;\n' +
    'the live projector then reads the topic again from there, through the current handlers.\n' +
    'Queries keep answering throughout, from a view that goes back to the point and catches up.\n' +
    '`rollback` returns the copy it replaced. Exit 2: --to unreadable, or an Elasticsearch view\n' +
    '(rebuild it instead); 4: a rebuild or reset runs; 9: the topic no longer holds the messages\n' +
    'to replay (nothing was changed: rebuild the view from the event store instead).',
  async run(parsed, context) {
    const to = stringOption(parsed, 'to');
    if (to === undefined) throw new UsageError('--to is required (see --help)');
    const target = parseResetTarget(to);
    const { view } = findView(context, parsed.positionals[0]);
    const deps = replay(context);
    try {
      const summary = await reset(deps, view, target, {
        batchSize: intOption(parsed, 'batch-size', 10_000, 1),
        keepOld: intOption(parsed, 'keep-old', 1, 0),
      });
      return { data: summary, text: resetText(summary), ...exitOf(summary.cache) };
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
  summary: 'list, inspect, rebuild, reset, roll back and clean up views',
  commands: [list, status, rebuildCommand, resetCommand, rollbackCommand, dropOldCommand],
};
