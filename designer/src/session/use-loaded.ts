import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiRequestError } from '../api/client.ts';
import { serverText } from '../i18n/i18n.ts';

export interface Loaded<Value> {
  value: Value | undefined;
  error: string | undefined;
  loading: boolean;
  reload(): void;
}

/** What the last answer was for: a value loaded for other filters is not this screen's. */
interface Answer<Value> {
  key: string;
  value?: Value;
  error?: string;
}

/**
 * Loads a value from the API whenever `key` changes, keeping the last value while the same key
 * reloads so a polling screen does not flicker. A value loaded for another key is not shown: a
 * list must not show its previous filter's rows as if they matched the new one while the new
 * answer is on its way. Answers for the current key are shown as they come (never an older
 * over a newer), so reloading faster than the server answers still shows the latest. The error
 * is the server's reason in the reader's language.
 */
export function useLoaded<Value>(load: () => Promise<Value>, key: string): Loaded<Value> {
  const [answer, setAnswer] = useState<Answer<Value>>();
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  // Numbered across keys, so an answer for an earlier key never replaces a later one.
  const requests = useRef({ sent: 0, shown: 0 });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` reads.
  useEffect(() => {
    const sequence = ++requests.current.sent;
    setLoading(true);
    const settle = (next: (last: Answer<Value> | undefined) => Answer<Value>) => {
      if (sequence < requests.current.shown) return;
      requests.current.shown = sequence;
      setAnswer(next);
      if (sequence === requests.current.sent) setLoading(false);
    };
    load().then(
      (value) => settle(() => ({ key, value })),
      (failure: unknown) =>
        settle((last) => ({
          key,
          value: last?.key === key ? last.value : undefined,
          error: reasonOf(failure),
        })),
    );
  }, [key, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const mine = answer?.key === key ? answer : undefined;
  return { value: mine?.value, error: mine?.error, loading, reload };
}

/** The server's reason for a failed action (translated by its code), or the error's own text. */
export function reasonOf(failure: unknown): string {
  if (failure instanceof ApiRequestError) {
    const { code, message } = failure;
    return serverText('errors', code, message, { message });
  }
  return failure instanceof Error ? failure.message : String(failure);
}
