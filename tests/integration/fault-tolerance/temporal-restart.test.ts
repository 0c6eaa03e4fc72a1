import { inject } from 'vitest';
import { outageTest } from '../../support/fault-outage.ts';
import { startKillableTemporal } from '../../support/fault-servers.ts';

outageTest({
  name: 'temporal-restart',
  digit: '5',
  describe: 'the Temporal dev server killed (kill -9) for ten seconds with refunds in flight',
  it: 'restarts on its SQLite file and every case ends as it should, each refund, entry and e-mail once',
  start: startKillableTemporal,
  addresses: (temporal) => ({
    temporalAddress: temporal.address,
    mongoBaseUri: inject('mongoBaseUri'),
  }),
});
