import { useEffect, useState } from 'react';

export interface ComponentHealth {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export interface SystemHealth {
  ok: boolean;
  temporal: ComponentHealth;
  database: ComponentHealth;
}

const POLL_MS = 5_000;

/** Polls /health; `undefined` until the first answer, `null` when the API itself is unreachable. */
export function useSystemHealth(): SystemHealth | null | undefined {
  const [health, setHealth] = useState<SystemHealth | null | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    const poll = async () => {
      try {
        const response = await fetch('/health');
        const body = (await response.json()) as SystemHealth;
        if (!cancelled) setHealth(body);
      } catch {
        if (!cancelled) setHealth(null);
      }
    };
    void poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, []);
  return health;
}
