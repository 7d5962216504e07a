import { START } from '@ledgerline/event-store';
import { type CopyRow } from './catalog';
import { type Context } from './context';

/**
 * The copy a rebuild or reset fills: the half-filled one an interrupted run left, unless
 * `discard` says it cannot be continued (it is then dropped), or else a new generation.
 */
export const openShadow = async (
  ctx: Context,
  rows: readonly CopyRow[],
  discard: (filling: CopyRow) => boolean,
): Promise<{ filling: CopyRow; resumed: boolean; rows: readonly CopyRow[] }> => {
  const half = rows.find((row) => row.status === 'filling');
  if (half && !discard(half)) {
    await ctx.sink.createShadow(half.generation);
    return { filling: half, resumed: true, rows };
  }
  if (half) {
    await ctx.sink.drop(half.target);
    await ctx.catalog.remove(ctx.deps.pool, ctx.name, half.generation);
  }
  const generation = Math.max(...rows.map((row) => row.generation)) + 1;
  const target = await ctx.sink.createShadow(generation);
  await ctx.catalog.insert(ctx.deps.pool, {
    projection: ctx.name,
    generation,
    status: 'filling',
    target,
    checkpoint: START,
  });
  const now = await ctx.catalog.list(ctx.deps.pool, ctx.name);
  return { filling: now.find((row) => row.status === 'filling')!, resumed: false, rows: now };
};
