import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import type { MeAnswer } from '#api-contract/users';
import { ApiRequestError, api } from '../api/client.ts';
import { adoptAccountLanguage } from '../i18n/account-language.ts';

export interface Session {
  /** `undefined` while the first /api/auth/me is on its way, `null` when nobody is signed in. */
  me: MeAnswer | null | undefined;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

async function whoAmI(): Promise<MeAnswer | null> {
  try {
    const me = await api.get<MeAnswer>('/api/auth/me');
    // Before the first screen renders, so it shows in the account's language, not the browser's.
    await adoptAccountLanguage().catch(() => undefined);
    return me;
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<MeAnswer | null | undefined>(undefined);
  useEffect(() => {
    whoAmI().then(setMe, () => setMe(null));
  }, []);
  const signIn = useCallback(async (username: string, password: string) => {
    await api.post('/api/auth/login', { username, password });
    setMe(await whoAmI());
  }, []);
  const signOut = useCallback(async () => {
    await api.post('/api/auth/logout').catch(() => undefined);
    setMe(null);
  }, []);
  return (
    <SessionContext.Provider value={{ me, signIn, signOut }}>{children}</SessionContext.Provider>
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a SessionProvider above it');
  return session;
}

/** The signed-in caller; only for screens the shell mounts after sign-in. */
export function useMe(): MeAnswer {
  const { me } = useSession();
  if (!me) throw new Error('useMe is only for signed-in screens');
  return me;
}
