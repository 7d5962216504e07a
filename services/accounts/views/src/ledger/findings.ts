/** An event of the accounts store (its global position when the view knows it). */
export interface EventRef {
  readonly eventId: string;
  readonly streamVersion: number;
  readonly globalPosition: number | null;
}

/** One account a view shows otherwise than the ledger folded from the store. */
export interface Difference {
  readonly view: string;
  readonly accountId: string;
  readonly what: string;
  readonly expected: string;
  readonly actual: string;
  /** The event a reader of the store should look at: the last the ledger folded for it. */
  readonly event: EventRef | null;
}

/** What comparing one view found. */
export interface ViewComparison {
  readonly view: string;
  /** Accounts compared at the ledger's version. */
  readonly compared: number;
  readonly differing: number;
  /** Accounts the view has applied past the point (with `--at`): not compared. */
  readonly pastPoint: number;
  /** Accounts the view has not caught up with yet (counted among `differing`). */
  readonly behind: number;
  readonly first: Difference | null;
  /** Why the view was not compared at all (e.g. an index that does not exist). */
  readonly skipped?: string;
}

/** Collects a view's findings, keeping the first difference in account order. */
export class Findings {
  compared = 0;
  differing = 0;
  pastPoint = 0;
  behind = 0;
  first: Difference | null = null;

  constructor(readonly view: string) {}

  differ(difference: Omit<Difference, 'view'>, behind = false): void {
    this.differing += 1;
    if (behind) this.behind += 1;
    this.first ??= { view: this.view, ...difference };
  }

  result(): ViewComparison {
    const { view, compared, differing, pastPoint, behind, first } = this;
    return { view, compared, differing, pastPoint, behind, first };
  }
}

export const skipped = (view: string, reason: string): ViewComparison => ({
  view,
  compared: 0,
  differing: 0,
  pastPoint: 0,
  behind: 0,
  first: null,
  skipped: reason,
});
