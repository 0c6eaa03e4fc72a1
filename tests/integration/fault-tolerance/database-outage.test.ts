import { inject } from 'vitest';
import { outageTest } from '../../support/fault-outage.ts';
import { startKillableFerretDb } from '../../support/fault-servers.ts';

outageTest({
  name: 'db-outage',
  digit: '3',
  describe: 'FerretDB killed (kill -9) for ten seconds with refunds in flight',
  it: 'every case of the shipped policy ends as it should, each refund, entry and e-mail once',
  start: startKillableFerretDb,
  addresses: (ferret) => ({
    temporalAddress: inject('temporalAddress'),
    mongoBaseUri: ferret.address,
  }),
});
