import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface RunningApp {
  baseUrl: string;
  close(): Promise<void>;
}

export async function listen(app: Express): Promise<RunningApp> {
  const server = await new Promise<ReturnType<Express['listen']>>((resolve) => {
    const started = app.listen(0, '127.0.0.1', () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function getJson(url: string, token?: string) {
  const response = await fetch(url, { headers: authHeaders(token) });
  return { status: response.status, body: await response.json() };
}

export async function postJson(url: string, body: unknown, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders(token) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

function authHeaders(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}
