import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { ActivityCatalogSchema, MONEY_ACTIVITIES } from '#flow-language';
import { spApiEmulatorEnv } from '../../../emulators/sp-api/index.ts';
import { activityCatalog, createCatalogActivities } from '../../../worker/activities/catalog.ts';

describe('the activity catalog', () => {
  it('is a valid catalog: unique names, each under its system', () => {
    expect(ActivityCatalogSchema.safeParse(activityCatalog).error).toBeUndefined();
  });

  it('covers every system', () => {
    const systems = new Set(activityCatalog.map((activity) => activity.system));
    expect([...systems].sort()).toEqual(['finance', 'marketplace', 'notify', 'store']);
  });

  it('has exactly one implementation per entry, registered under the entry name', () => {
    // An unopened connection is enough: building activities must not touch the database.
    const database = mongoose.createConnection();
    const implemented = createCatalogActivities(database, spApiEmulatorEnv('http://127.0.0.1:9'));
    expect(implemented.map(({ descriptor }) => descriptor.name).sort()).toEqual(
      activityCatalog.map((activity) => activity.name).sort(),
    );
  });

  it('names real side-effecting entries as the money steps a cancellation must not cut', () => {
    for (const name of MONEY_ACTIVITIES) {
      expect(activityCatalog.find((activity) => activity.name === name)?.sideEffects).toBe(true);
    }
  });
});
