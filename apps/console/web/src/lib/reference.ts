import { useQuery } from '@tanstack/react-query';
import { consoleApi } from './api/client';
import { useT } from './i18n';

export interface UnitRef {
  readonly code: string;
  readonly kind: string;
  readonly level: string;
  readonly parentCode: string | null;
  readonly name: { readonly zh: string; readonly en: string };
}
export interface CategoryRef {
  readonly code: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly ownerDepartmentCode: string | null;
}
export interface Reference {
  readonly units: readonly UnitRef[];
  readonly categories: readonly CategoryRef[];
}

export function useReference() {
  return useQuery({ queryKey: ['reference'], queryFn: () => consoleApi<Reference>('reference'), staleTime: Infinity });
}

/** Names of units and categories in the screen's language (the code while the list loads or when unknown). */
export function useNames() {
  const { data } = useReference();
  const { lang } = useT();
  const units = new Map(data?.units.map((u) => [u.code, u]) ?? []);
  const categories = new Map(data?.categories.map((c) => [c.code, c]) ?? []);
  return {
    unit: (code: string | null | undefined) => (code ? (units.get(code)?.name[lang] ?? code) : '—'),
    category: (code: string | null | undefined) => (code ? (categories.get(code)?.name[lang] ?? code) : '—'),
    departments: data?.units.filter((u) => u.kind === 'department') ?? [],
    units: data?.units ?? [],
    categories: data?.categories ?? [],
  };
}
