import { ReplayError } from '@ledgerline/replay';
import { type CliContext } from './context';
import { type PlatformView } from './registry';

export const findView = (context: CliContext, name: string | undefined): PlatformView => {
  const views = context.views();
  const found = views.find((view) => view.name === name);
  if (!found)
    throw new ReplayError(
      'unknown-projection',
      `unknown projection ${name ?? '(none given)'}; known: ${views.map((v) => v.name).join(', ')}`,
    );
  return found;
};
