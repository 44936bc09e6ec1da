import type { PoolClient } from 'pg';
import { applyFact, type FactAppliers, type FactEvent } from '../src/read-model/fact-appliers';

// The tables of handling's fact consumers are typed by the events' own data types (no casts): an
// applier that reads a field its event does not have fails the typecheck (the @ts-expect-error
// lines below fail it when the error they expect is gone).

const db = {} as PoolClient;

function event<T extends FactEvent<'case.closed.v1' | 'case.clock-paused.v1'>['type']>(type: T, data: FactEvent<T>['data']): FactEvent<T> {
  return {
    specversion: '1.0',
    id: '7b0c2a4e-3f51-4a35-9b07-3c1f1b1f0a11',
    source: type === 'case.closed.v1' ? 'evaluation' : 'dispatch',
    type,
    subject: 'C1',
    time: '2026-03-02T01:15:00.000Z',
    datacontenttype: 'application/json',
    data,
    sequence: 1,
    correlationid: 'c',
    causationid: 'c',
  };
}

describe('a table of fact appliers', () => {
  it('applies each event with the applier of its type, handing it the event and its data', async () => {
    const seen: string[] = [];
    const table = {
      'case.closed.v1': async (_db, d, e) => {
        seen.push(`closed ${d.caseId} ${d.outcome} at ${e.time}`);
      },
      'case.clock-paused.v1': async (_db, d) => {
        seen.push(`paused ${d.caseId} at ${d.unitCode}: ${d.reason}`);
      },
    } satisfies FactAppliers;

    await applyFact(table, db, event('case.clock-paused.v1', { caseId: 'C1', unitCode: 'QH-CG', reason: 'the resident is away' }));
    await applyFact(table, db, event('case.closed.v1', { caseId: 'C1', outcome: 'resolved' }));

    expect(seen).toEqual(['paused C1 at QH-CG: the resident is away', 'closed C1 resolved at 2026-03-02T01:15:00.000Z']);
  });

  it('refuses, at compile time, an applier that reads a field its event lacks', () => {
    const table = {
      // @ts-expect-error case.closed.v1 names no unit
      'case.closed.v1': async (_db, d) => void d.unitCode,
    } satisfies FactAppliers;
    expect(Object.keys(table)).toEqual(['case.closed.v1']);
  });
});
