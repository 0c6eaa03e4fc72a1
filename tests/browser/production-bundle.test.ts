import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The browser suite's setup builds designer/dist from inside the test run (NODE_ENV=test); the
// same build is what `npm start` serves afterwards, so it must be React's production build.
const assets = new URL('../../designer/dist/assets', import.meta.url).pathname;

describe('the designer build the tests leave behind', () => {
  it("bundles React's production build, not its development build", () => {
    const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    const withDevelopmentReact = scripts.filter((name) =>
      readFileSync(join(assets, name), 'utf8').includes('jsxDEV'),
    );
    expect(withDevelopmentReact).toEqual([]);
  });
});
