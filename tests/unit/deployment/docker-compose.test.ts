import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CODEC_PATH } from '#api-contract/codec';
import { configVariables } from '#platform/config';
import { catalogConfigVariables } from '../../../worker/activities/catalog.ts';

const root = new URL('../../../', import.meta.url).pathname;

interface ComposeService {
  image?: string;
  restart?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(`${root}docker-compose.yml`, 'utf8')) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;
const service = (name: string): ComposeService => {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no "${name}" service`);
  return found;
};
const environment = (name: string) => service(name).environment ?? {};
const knownVariables: string[] = [...configVariables, ...catalogConfigVariables];

/**
 * No Docker engine runs here, so the production compose file is checked against the code: the
 * services exist, images are pinned, and every variable and port lines up with what is read.
 */
describe('docker-compose.yml', () => {
  it('runs Temporal on PostgreSQL, its UI, MongoDB, the API and the worker', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['api', 'mongodb', 'postgresql', 'temporal', 'temporal-ui', 'worker'].sort(),
    );
    expect(environment('temporal')).toMatchObject({
      DB: 'postgres12',
      POSTGRES_SEEDS: 'postgresql',
    });
  });

  it('pins every image to a version', () => {
    for (const [name, { image }] of Object.entries(services)) {
      if (!image) continue;
      expect(image, `${name} image`).toMatch(/^[\w./-]+:\d[\w.-]*$/);
    }
  });

  it('sets only variables the code reads, and the ones it needs', () => {
    for (const name of ['api', 'worker']) {
      const unknown = Object.keys(environment(name)).filter(
        (variable) => !knownVariables.includes(variable),
      );
      expect(unknown, `${name} sets variables nothing reads`).toEqual([]);
      expect(Object.keys(environment(name))).toEqual(
        expect.arrayContaining(['TEMPORAL_ADDRESS', 'MONGODB_URI', 'TEMPORAL_TASK_QUEUE']),
      );
    }
    expect(environment('api').TEMPORAL_TASK_QUEUE).toBe(environment('worker').TEMPORAL_TASK_QUEUE);
  });

  it('points the API and the worker at the temporal and mongodb services', () => {
    for (const name of ['api', 'worker']) {
      expect(environment(name).TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(new URL(String(environment(name).MONGODB_URI)).host).toBe('mongodb:27017');
    }
  });

  it('publishes only the API beyond this host: not Temporal’s frontend, not its Web UI', () => {
    // Anyone reaching the frontend could start runs and send Updates; the UI has no login.
    expect(service('temporal').ports ?? []).toEqual([]);
    for (const [name, { ports = [] }] of Object.entries(services)) {
      if (name === 'api') continue;
      for (const mapping of ports)
        expect(mapping, `${name} publishes ${mapping}`).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it('seals Temporal payloads in the API and the worker with the same keys from .env', () => {
    for (const name of ['api', 'worker']) {
      expect(String(environment(name).ACORN_PAYLOAD_KEYS)).toMatch(/^\$\{ACORN_PAYLOAD_KEYS:\?/);
    }
    expect(environment('api').ACORN_PAYLOAD_KEYS).toBe(environment('worker').ACORN_PAYLOAD_KEYS);
  });

  it('lets the Web UI open payloads through the API’s codec endpoint, from its own origin', () => {
    const ui = environment('temporal-ui');
    const [published] = (service('temporal-ui').ports ?? []).map((mapping) => mapping.split(':'));
    const uiOrigin = `http://${published?.[0]}:${published?.[1]}`;
    const apiPort = (service('api').ports ?? [])[0]?.split(':').at(0);
    expect(ui.TEMPORAL_CODEC_ENDPOINT).toBe(`http://127.0.0.1:${apiPort}${CODEC_PATH}`);
    expect(ui.TEMPORAL_CODEC_INCLUDE_CREDENTIALS).toBe('true');
    expect(String(environment('api').ACORN_CODEC_CORS_ORIGINS).split(',')).toContain(uiOrigin);
  });

  it('restarts every service that stops', () => {
    for (const [name, { restart }] of Object.entries(services)) {
      expect(restart, `${name} restart policy`).toBe('unless-stopped');
    }
  });

  it('publishes the API on the port it listens on, on all interfaces', () => {
    const api = environment('api');
    expect(api.HOST).toBe('0.0.0.0');
    const published = (service('api').ports ?? []).map((mapping) => mapping.split(':').at(-1));
    expect(published).toContain(String(api.PORT));
    expect(service('api').healthcheck?.test.join(' ')).toContain(`:${api.PORT}/health`);
  });

  it('takes secrets from the environment, never literals', () => {
    const secrets = [
      ['api', 'ACORN_ADMIN_TOKEN'],
      ['api', 'ACORN_SESSION_SECRET'],
      ['api', 'ACORN_PAYLOAD_KEYS'],
      ['worker', 'ACORN_PAYLOAD_KEYS'],
      ['worker', 'LWA_CLIENT_SECRET'],
      ['worker', 'LWA_REFRESH_TOKEN'],
    ] as const;
    for (const [name, secret] of secrets) {
      expect(String(environment(name)[secret]), secret).toMatch(new RegExp(`^\\$\\{${secret}:\\?`));
    }
  });

  it('health-checks the servers and starts clients only once they are healthy', () => {
    for (const name of ['postgresql', 'temporal', 'mongodb', 'api']) {
      expect(service(name).healthcheck, `${name} health check`).toBeDefined();
    }
    for (const [name, { depends_on: dependsOn = {} }] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(dependsOn)) {
        if (service(dependency).healthcheck) {
          expect(condition, `${name} → ${dependency}`).toBe('service_healthy');
        }
      }
    }
  });

  it('runs entry points that exist', () => {
    const dockerfile = readFileSync(`${root}Dockerfile`, 'utf8');
    const commands = [
      ...Object.values(services).flatMap(({ command }) => command ?? []),
      ...(dockerfile.match(/CMD \[(.*)\]/)?.[1]?.split(',') ?? []).map((part) =>
        part.trim().replaceAll('"', ''),
      ),
    ];
    const entryPoints = commands.filter((part) => part.endsWith('.ts'));
    expect(entryPoints).toEqual(expect.arrayContaining(['server/main.ts', 'worker/main.ts']));
    for (const entry of entryPoints) expect(existsSync(`${root}${entry}`), entry).toBe(true);
  });
});
