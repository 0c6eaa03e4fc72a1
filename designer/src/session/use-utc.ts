import { useState } from 'react';

const STORAGE_KEY = 'acorn-flow.audit-utc';

/** Audit screens can show every time in UTC; the choice is shared by them and kept per browser. */
export function useUtcTimes(): [boolean, (utc: boolean) => void] {
  const [utc, setUtc] = useState(() => globalThis.localStorage?.getItem(STORAGE_KEY) === '1');
  const choose = (next: boolean) => {
    globalThis.localStorage?.setItem(STORAGE_KEY, next ? '1' : '0');
    setUtc(next);
  };
  return [utc, choose];
}
