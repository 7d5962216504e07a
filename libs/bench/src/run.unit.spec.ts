import { previousResultsFile, runStamp } from './run';

describe('results file names', () => {
  it('stamp a run to the minute, sortable and without colons', () => {
    expect(runStamp(new Date('2026-12-07T14:05:59.000Z'))).toBe('2026-12-07T14-05Z');
  });

  it('pick the newest earlier run as the previous one', () => {
    const files = [
      '2026-12-06T09-00Z.json',
      '2026-12-07T10-30Z.json',
      '2026-12-07T10-30Z.md',
      'latest.md',
      '2026-12-07T14-05Z.json',
      '2026-12-08T08-00Z.json',
    ];
    expect(previousResultsFile(files, '2026-12-07T14-05Z.json')).toBe('2026-12-07T10-30Z.json');
  });

  it('find none in a folder without earlier runs', () => {
    expect(
      previousResultsFile(['latest.md', '2026-12-07T14-05Z.json'], '2026-12-07T14-05Z.json'),
    ).toBeUndefined();
  });
});
