import { useQuery } from '@tanstack/react-query';
import { ApiError, consoleApi } from './api/client';

export type Role = 'unit-staff' | 'unit-leader' | 'centre' | 'admin';

export interface SessionView {
  readonly userId: string;
  readonly unitCode: string;
  readonly unitName: { readonly zh: string; readonly en: string };
  readonly unitKind: string;
  readonly role: Role;
  readonly expiresAt: string;
}

export function useSession() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async () => {
      try {
        return await consoleApi<SessionView>('session');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    refetchInterval: 60_000,
  });
}

export const isCentre = (s: SessionView) => s.role === 'centre' || s.role === 'admin';
export const isUnit = (s: SessionView) => s.role === 'unit-staff' || s.role === 'unit-leader';
/** Townships and communities may blow the whistle (乡呼县应); county departments answer it. */
export const isGrassroots = (s: SessionView) => s.unitKind === 'township' || s.unitKind === 'community';
