// Pages by URL hash: #/articles, #/editor?file=…, #/counter?form=…, so a link opens a page.
import { useSyncExternalStore } from 'react';

export interface Route { page: string; params: URLSearchParams }

function read(): string {
  return window.location.hash.replace(/^#\/?/, '') || 'articles';
}

export function useRoute(): Route {
  const hash = useSyncExternalStore((l) => (window.addEventListener('hashchange', l), () => window.removeEventListener('hashchange', l)), read);
  const [page, query = ''] = hash.split('?');
  return { page, params: new URLSearchParams(query) };
}

export function href(page: string, params: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined) as [string, string][]).toString();
  return `#/${page}${q ? `?${q}` : ''}`;
}

export function go(page: string, params: Record<string, string | undefined> = {}): void {
  window.location.hash = href(page, params);
}
