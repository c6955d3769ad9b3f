/**
 * Component-test helpers: a fake /api behind window.fetch (routes by method and path pattern, every
 * call recorded) and a render of a page inside the router and the auth context of a user of a role.
 * The end-to-end tests (e2e-tests, real Chromium against the running suite) cover the real API.
 */
import type { ReactElement } from 'react';
import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { vi } from 'vitest';
import { AuthProvider, rolesUpTo, type Role } from './auth/AuthContext';

export interface ApiCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string>;
}

export type Answer = { status?: number; body?: unknown; headers?: Record<string, string> };
/** Returns the JSON body (status 200), or an {@link Answer} made with {@link reply}. */
export type Handler = (call: ApiCall, params: Record<string, string>) => unknown;

const ANSWER = Symbol('answer');
export function reply(status: number, body?: unknown, headers?: Record<string, string>): Answer {
  return { status, body, headers, [ANSWER]: true } as Answer;
}

/** An RFC 7807 problem answer, field errors optional. */
export function problem(status: number, title: string, detail?: string, errors: { field: string; message: string }[] = []) {
  return reply(status, { type: 'about:blank', title, status, detail, errors }, { 'Content-Type': 'application/problem+json' });
}

function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const s = path.split('/');
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].substring(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

/**
 * Replaces fetch with routes like {@code 'GET /api/logs'} or {@code 'PUT /api/users/:username'}. A
 * call nobody answers gets 404 and is recorded in {@code unmatched}, so a test can check none happened.
 */
export function mockApi(routes: Record<string, Handler>) {
  const calls: ApiCall[] = [];
  const unmatched: ApiCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' ? input : input.toString(), 'https://ce.test');
    const method = (init.method ?? 'GET').toUpperCase();
    let body: unknown = init.body;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch {
        /* text */
      }
    }
    const call: ApiCall = {
      method,
      path: url.pathname,
      query: url.searchParams,
      body,
      headers: (init.headers ?? {}) as Record<string, string>,
    };
    calls.push(call);
    for (const [key, handler] of Object.entries(routes)) {
      const [m, pattern] = key.split(' ');
      const params = m === method ? match(pattern, url.pathname) : null;
      if (params) {
        const result = await handler(call, params);
        const answer: Answer =
          result && typeof result === 'object' && (result as Record<symbol, unknown>)[ANSWER] ? (result as Answer) : { status: 200, body: result };
        const status = answer.status ?? 200;
        const text = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
        return new Response(status === 204 ? null : text, {
          status,
          headers: { 'Content-Type': 'application/json', ...(answer.headers ?? {}) },
        });
      }
    }
    unmatched.push(call);
    return new Response(JSON.stringify({ title: 'Not Found', status: 404, detail: `no test route for ${method} ${url.pathname}` }), {
      status: 404,
      headers: { 'Content-Type': 'application/problem+json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, unmatched, fetchMock, callsTo: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path) };
}

/**
 * Renders {@code ui} at {@code path} (route pattern {@code route}) for a signed-in user of {@code role},
 * with {@code routes} as the API (GET /api/auth/me and /api/notifications are answered unless given).
 */
export function renderPage(
  ui: ReactElement,
  { role = 'super-admin', path = '/', route = '*', routes = {} }: { role?: Role; path?: string; route?: string; routes?: Record<string, Handler> } = {},
) {
  const api = mockApi({
    'GET /api/auth/me': () => ({ username: role === 'super-admin' ? 'admin' : `a-${role}`, role, roles: rolesUpTo(role), pending: [] }),
    'GET /api/notifications': () => [],
    ...routes,
  });
  const result = render(
    <MemoryRouter initialEntries={[path]}>
      <AuthProvider>
        <Routes>
          <Route path={route} element={ui} />
        </Routes>
      </AuthProvider>
    </MemoryRouter>,
  );
  return { ...result, api };
}

/** Shows the address of the page (path and query) in data-testid "where", for {@link where}. */
export function Where() {
  const location = useLocation();
  return <div data-testid="where">{location.pathname + location.search}</div>;
}

/** The query parameters of the address {@link Where} shows. */
export function where(): URLSearchParams {
  const text = screen.getByTestId('where').textContent ?? '';
  return new URLSearchParams(text.includes('?') ? text.substring(text.indexOf('?') + 1) : '');
}
