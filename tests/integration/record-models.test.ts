import { randomUUID } from 'node:crypto';
import mongoose, { type Connection, Schema } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordCaseSubmission } from '#platform/case-start/submission-record';
import { caseModel } from '#platform/cases/case-record';

/**
 * Every case submitted asked for the cases model, and every ask compiled it again: mongoose
 * then re-ran Model.init(), sending one createIndex command per index to the database. A
 * record model is now compiled once per connection, its indexes made once.
 */
describe('record models on a connection', () => {
  let connection: Connection;
  const commands: string[] = [];

  beforeAll(async () => {
    const name = `record-models-${randomUUID().slice(0, 8)}`;
    connection = mongoose.createConnection(`${inject('mongoBaseUri')}/${name}`, {
      monitorCommands: true,
    });
    await connection.asPromise();
    connection.getClient().on('commandStarted', (event) => commands.push(event.commandName));
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  const submit = (caseId: string) =>
    recordCaseSubmission(
      connection,
      {
        caseId,
        workflowId: `case-${caseId}`,
        flowKey: 'marketplace-refund',
        flowVersion: 1,
        caseInput: { orderId: '111-0000001-0000001' },
      } as never,
      { requestedBy: 'agent-1', trigger: 'api' } as never,
      new Date(),
    );

  it('are compiled once: asking again gives the same model', () => {
    expect(caseModel(connection)).toBe(caseModel(connection));
  });

  it('so submitting cases creates no index after the first', async () => {
    await submit('first');
    await caseModel(connection).init();
    commands.length = 0;
    for (const caseId of ['second', 'third', 'fourth']) await submit(caseId);
    expect(commands.filter((name) => name === 'createIndexes')).toEqual([]);
    expect(commands.filter((name) => name === 'update')).toHaveLength(3);
    expect(await caseModel(connection).countDocuments()).toBe(4);
  });

  it('and a different schema under the same name still replaces the compiled one', () => {
    const own = new Schema({ _id: String, note: String });
    const compiled = connection.model('Case', own, undefined, { overwriteModels: true });
    const cases = caseModel(connection);
    expect(cases).not.toBe(compiled);
    expect(cases.schema).not.toBe(own);
    expect(cases.schema.path('status')).toBeDefined();
  });
});
