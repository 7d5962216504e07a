import {
  forgetSubject,
  jsonColumnsScrubber,
  redisScrubber,
  searchScrubber,
  subjectEvents,
  type SubjectStoreDeps,
} from '@ledgerline/privacy';
import { writeFile } from 'node:fs/promises';
import { type Command, type CommandGroup, stringOption, UsageError } from '../command';
import { type CliContext } from '../context';
import { count, table } from '../render';

const subjectOf = (positionals: readonly string[]): string => {
  const subject = positionals[0]?.trim();
  if (!subject) throw new UsageError('name the subject (a customer or merchant id)');
  return subject;
};

/** The platform's event stores and view schemas, as its query services define them. */
const searchIndicesOf = (context: CliContext): string[] =>
  context
    .views()
    .filter((v) => v.sink === 'elasticsearch')
    .flatMap((v) => v.serves);

const storesOf = (context: CliContext): SubjectStoreDeps => {
  const views = context.views();
  return {
    pool: context.pool(),
    kek: context.kek(),
    schemas: [...new Set(views.map(({ view }) => view.source.schema))],
    viewSchemas: [
      ...new Set(views.filter((v) => v.sink === 'postgres').map(({ view }) => view.runtimeSchema)),
    ],
  };
};

/** Every row of the view schemas with a text column equal to the subject's id. */
const viewRowsOf = async (context: CliContext, viewSchemas: readonly string[], subject: string) => {
  const rows: { table: string; row: unknown }[] = [];
  const pool = context.pool();
  for (const schema of viewSchemas) {
    const { rows: columns } = await pool.query<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE' AND c.data_type = 'text'
          AND c.column_name LIKE '%\\_id' ESCAPE '\\'`,
      [schema],
    );
    for (const { table_name: name, column_name: column } of columns) {
      const target = `"${schema}"."${name.replaceAll('"', '""')}"`;
      const found = await pool.query(
        `SELECT * FROM ${target} WHERE "${column.replaceAll('"', '""')}" = $1`,
        [subject],
      );
      rows.push(...found.rows.map((row: unknown) => ({ table: `${schema}.${name}`, row })));
    }
  }
  return rows;
};

/** The search documents that name the subject in any field. */
const indexDocumentsOf = async (context: CliContext, subject: string) => {
  const indices = searchIndicesOf(context);
  if (indices.length === 0) return [];
  const result = await context.searchClient().search({
    index: indices.join(','),
    size: 10_000,
    ignore_unavailable: true,
    query: { multi_match: { query: subject, type: 'phrase', fields: ['*'], lenient: true } },
  });
  return result.hits.hits.map((hit) => ({ index: hit._index, id: hit._id, document: hit._source }));
};

const forget: Command = {
  name: 'forget',
  summary:
    'crypto-shreds a subject: deletes its data keys, records SubjectForgotten, scrubs views, search and caches',
  positionals: [{ name: 'subject', description: 'the customer or merchant id' }],
  details:
    'Irreversible. Personal fields of the subject read as "[redacted]" from then on everywhere: events, Kafka, rebuilds. Money and ids are untouched.',
  async run(parsed, context) {
    const subject = subjectOf(parsed.positionals);
    const deps = storesOf(context);
    const outcome = await forgetSubject(
      {
        ...deps,
        scrubbers: [
          searchScrubber(context.searchClient(), searchIndicesOf(context).join(',')),
          redisScrubber(context.redisUrl()),
          // The checkout saga keeps its inputs (events) and commands as JSON.
          jsonColumnsScrubber(context.pool(), [
            context.env['SAGA_SCHEMA'] ?? 'sagas',
            ...(deps.viewSchemas ?? []),
          ]),
        ],
      },
      subject,
      { actor: `platform-cli:${context.env['USER'] ?? 'operator'}` },
    );
    return {
      data: outcome,
      text: [
        table(
          ['CONTEXT', 'STREAMS', 'STATE'],
          outcome.contexts.map((c) => [
            c.schema,
            count(c.streams),
            c.alreadyForgotten ? 'already forgotten' : 'forgotten',
          ]),
        ),
        `view rows scrubbed: ${count(outcome.scrubbedRows)}; search documents and cache entries: ${count(outcome.scrubbedElsewhere)}`,
      ].join('\n'),
    };
  },
};

const exportCommand: Command = {
  name: 'export',
  summary: 'writes everything held about a subject (decrypted events, view rows) to one JSON file',
  positionals: [{ name: 'subject', description: 'the customer or merchant id' }],
  options: [
    { name: 'out', type: 'string', description: 'file to write', default: '<subject>.json' },
  ],
  async run(parsed, context) {
    const subject = subjectOf(parsed.positionals);
    const out = stringOption(parsed, 'out') ?? `${subject}.json`;
    const deps = storesOf(context);
    const events = await subjectEvents(deps, subject);
    const document = {
      subject,
      exportedAt: new Date().toISOString(),
      events: events.map(({ schema, events: list }) => ({ context: schema, events: list })),
      viewRows: await viewRowsOf(context, deps.viewSchemas ?? [], subject),
      indexDocuments: await indexDocumentsOf(context, subject),
    };
    await writeFile(out, `${JSON.stringify(document, null, 2)}\n`, { mode: 0o600 });
    const eventCount = events.reduce((sum, c) => sum + c.events.length, 0);
    return {
      data: { subject, file: out, events: eventCount, viewRows: document.viewRows.length },
      text: `${out}: ${count(eventCount)} events, ${count(document.viewRows.length)} view rows, ${count(document.indexDocuments.length)} search documents`,
    };
  },
};

export const privacyGroup: CommandGroup = {
  name: 'privacy',
  summary: "a subject's personal data: forget (crypto-shredding) and export (right of access)",
  commands: [forget, exportCommand],
};
