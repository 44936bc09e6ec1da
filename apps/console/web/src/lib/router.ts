import { useEffect, useState } from 'react';

/** A hash route: '#/cases/abc?x=1' -> { path: ['cases', 'abc'], query: { x: '1' } }. */
export interface Route {
  readonly path: readonly string[];
  readonly query: Readonly<Record<string, string>>;
}

function parse(hash: string): Route {
  const [p = '', q = ''] = hash.replace(/^#\/?/, '').split('?');
  return { path: p.split('/').filter(Boolean).map(decodeURIComponent), query: Object.fromEntries(new URLSearchParams(q)) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parse(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function href(...parts: (string | Record<string, string>)[]): string {
  const query = parts.find((p): p is Record<string, string> => typeof p === 'object');
  const path = parts.filter((p): p is string => typeof p === 'string').map(encodeURIComponent).join('/');
  return `#/${path}${query ? `?${new URLSearchParams(query).toString()}` : ''}`;
}

export function navigate(to: string): void {
  window.location.hash = to;
}
