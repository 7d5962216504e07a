import { type CommandGroup } from '../command';
import { authGroup } from './auth';
import { dbGroup } from './db';
import { dlqGroup } from './dlq';
import { eventsGroup } from './events';
import { ledgerGroup } from './ledger';
import { loadGroup } from './load';
import { privacyGroup } from './privacy';
import { projectionsGroup } from './projections';
import { sagasGroup } from './sagas';
import { stackGroup } from './stack';
import { topicsGroup } from './topics';

/** Every command group of `platform`: a new group is one file and one line here. */
export const GROUPS: readonly CommandGroup[] = [
  projectionsGroup,
  eventsGroup,
  dlqGroup,
  sagasGroup,
  stackGroup,
  topicsGroup,
  authGroup,
  loadGroup,
  dbGroup,
  ledgerGroup,
  privacyGroup,
];
