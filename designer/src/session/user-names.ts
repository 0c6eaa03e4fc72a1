import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserAnswer } from '#api-contract/users';
import { api } from '../api/client.ts';
import { hasAnyRole } from './role-nav.ts';
import { useMe } from './session-context.tsx';
import { useLoaded } from './use-loaded.ts';

const NOBODY = Promise.resolve([] as UserAnswer[]);
const directories = new Map<string, Promise<UserAnswer[]>>();

/** Read once per signed-in caller, however many rows ask for names. */
function directory(callerId: string): Promise<UserAnswer[]> {
  let users = directories.get(callerId);
  if (!users) {
    users = api.get<{ items: UserAnswer[] }>('/api/users').then(
      (answer) => answer.items,
      (failure: unknown) => {
        directories.delete(callerId);
        throw failure;
      },
    );
    directories.set(callerId, users);
  }
  return users;
}

/**
 * Names people by their display name where the caller may read the user list (admins,
 * auditors); otherwise "you" for the caller and the id for others.
 */
export function useUserNames(): (userId: string | undefined) => string {
  const me = useMe();
  const { t } = useTranslation();
  const mayList = hasAnyRole(me.roles, ['admin', 'auditor']);
  const users = useLoaded(
    () => (mayList ? directory(me.userId) : NOBODY),
    `${me.userId}/${mayList}`,
  );
  const list = users.value;
  return useCallback(
    (userId: string | undefined) => {
      if (!userId) return '—';
      if (userId === me.userId) return t('app.you', { name: me.name });
      return list?.find((user) => user.userId === userId)?.displayName ?? userId;
    },
    [list, me, t],
  );
}
