import { useCallback, useEffect, useState } from 'react';
import { ApiRequestError } from '../api/client.ts';
import { serverText } from '../i18n/i18n.ts';

export interface Loaded<Value> {
  value: Value | undefined;
  error: string | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * Loads a value from the API whenever `key` changes, keeping the last value while it reloads so a
 * polling screen does not flicker. The error is the server's reason in the reader's language.
 */
export function useLoaded<Value>(load: () => Promise<Value>, key: string): Loaded<Value> {
  const [value, setValue] = useState<Value>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` reads.
  useEffect(() => {
    let current = true;
    setLoading(true);
    load().then(
      (answer) => {
        if (!current) return;
        setValue(answer);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setError(reasonOf(failure));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [key, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { value, error, loading, reload };
}

/** The server's reason for a failed action (translated by its code), or the error's own text. */
export function reasonOf(failure: unknown): string {
  if (failure instanceof ApiRequestError) {
    const { code, message } = failure;
    return serverText('errors', code, message, { message });
  }
  return failure instanceof Error ? failure.message : String(failure);
}
