import { randomUUID } from 'node:crypto';
import { mongo } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * The engine reads and updates cases, trail batches and claims by `_id` on the embedded FerretDB
 * (SQLite), expecting the unique `_id` index to answer. The build (scripts/embedded/tool-cache.ts)
 * writes FerretDB's `_id` filter as the index is written; without that, every lookup scanned
 * the whole table.
 */
describe('the embedded FerretDB finds documents by _id', () => {
  let client: mongo.MongoClient;
  let cases: mongo.Collection<{ _id: string; status: string; note?: string }>;

  beforeAll(async () => {
    const name = `id-index-${randomUUID().slice(0, 8)}`;
    client = await mongo.MongoClient.connect(`${inject('mongoBaseUri')}/${name}`);
    cases = client.db(name).collection('cases');
    await cases.insertMany(
      Array.from({ length: 300 }, (_, index) => ({ _id: `case-${index}`, status: 'running' })),
    );
  });

  afterAll(async () => {
    await client.db().dropDatabase();
    await client.close();
  });

  it('through the unique _id index, not a table scan', async () => {
    const explained = await client.db().command({
      explain: { find: 'cases', filter: { _id: 'case-150' } },
    });
    const plan = (explained.queryPlanner as { Plan?: string[] }).Plan ?? [];
    expect(plan.join('\n')).toMatch(/SEARCH .* USING INDEX .*__id_/);
    expect(plan.join('\n')).not.toMatch(/\bSCAN\b/);
  });

  it('and finds, updates and deletes exactly the document named', async () => {
    expect(await cases.findOne({ _id: 'case-150' })).toEqual({
      _id: 'case-150',
      status: 'running',
    });
    expect(await cases.findOne({ _id: 'case-9999' })).toBeNull();

    const updated = await cases.updateOne({ _id: 'case-151' }, { $set: { status: 'completed' } });
    expect(updated.modifiedCount).toBe(1);
    expect(await cases.countDocuments({ status: 'completed' })).toBe(1);

    const upserted = await cases.updateOne(
      { _id: 'case-new' },
      { $set: { status: 'running' } },
      { upsert: true },
    );
    expect(upserted.upsertedId).toBe('case-new');

    expect((await cases.deleteOne({ _id: 'case-152' })).deletedCount).toBe(1);
    expect(await cases.countDocuments()).toBe(300);
  });

  it('with ids that need quoting, and still refuses a second document with the same _id', async () => {
    const awkward = `case-"quoted" 'single' \\ 退款 ${'x'.repeat(200)}`;
    await cases.insertOne({ _id: awkward, status: 'running', note: 'awkward' });
    expect(await cases.findOne({ _id: awkward })).toMatchObject({ note: 'awkward' });
    await expect(cases.insertOne({ _id: awkward, status: 'again' })).rejects.toMatchObject({
      code: 11000,
    });
  });
});
