import { assessConnectionBudget, describeConnectionBudget } from './connection-budget';

const server = { maxConnections: 100, reservedConnections: 3, superuser: false };

describe('assessConnectionBudget', () => {
  describe('given a server with the default 100 connections and 3 reserved for superusers', () => {
    it('fits a pool into what others leave free', () => {
      expect(assessConnectionBudget({ ...server, inUseByOthers: 50, poolSize: 8 })).toEqual({
        usable: 97,
        free: 47,
        fits: true,
      });
    });

    it('fits a pool that takes exactly the last free slot', () => {
      expect(assessConnectionBudget({ ...server, inUseByOthers: 89, poolSize: 8 }).fits).toBe(true);
    });

    it('does not fit a pool one larger than what is free', () => {
      expect(assessConnectionBudget({ ...server, inUseByOthers: 90, poolSize: 8 })).toEqual({
        usable: 97,
        free: 7,
        fits: false,
      });
    });

    it('reports nothing free when others already exceed the usable slots', () => {
      expect(assessConnectionBudget({ ...server, inUseByOthers: 99, poolSize: 2 })).toEqual({
        usable: 97,
        free: 0,
        fits: false,
      });
    });

    it('lets a superuser count the reserved slots', () => {
      expect(
        assessConnectionBudget({ ...server, superuser: true, inUseByOthers: 90, poolSize: 10 }),
      ).toEqual({ usable: 100, free: 10, fits: true });
    });
  });

  it('says what does not fit and why, in one line', () => {
    const input = { ...server, inUseByOthers: 92, poolSize: 8 };

    expect(describeConnectionBudget(input, assessConnectionBudget(input))).toBe(
      "PG_POOL_SIZE=8 does not fit PostgreSQL's free connections: max_connections 100" +
        ' - 3 reserved for superusers = 97 usable, 92 in use by others, 5 free',
    );
  });
});
