import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onSessionExpired } from '../api/client';

export type Role = 'read-only' | 'admin' | 'super-admin';

export interface Me {
  username: string;
  role: Role | null;
  roles: Role[];
  pending: string[];
  method?: string;
}

interface AuthState {
  /** undefined while the first /api/auth/me is under way, null when nobody is signed in. */
  me: Me | null | undefined;
  /** Set when a session that existed ended by itself (expiry, revocation) rather than by logout. */
  expired: boolean;
  /** Whether the signed-in user has this role or one above it. */
  can: (role: Role) => boolean;
  login: (username: string, password: string) => Promise<Me>;
  completeFirstLogin: (newPassword: string, acceptEula: boolean) => Promise<Me>;
  logout: () => Promise<void>;
  reload: () => Promise<Me | null>;
}

const AuthContext = createContext<AuthState | null>(null);

interface Tokens {
  username: string;
  role: Role | null;
  pending?: string[];
}

const ORDER: Role[] = ['read-only', 'admin', 'super-admin'];

export function rolesUpTo(role: Role | null): Role[] {
  if (!role) return [];
  return ORDER.slice(0, ORDER.indexOf(role) + 1);
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);

  const reload = useCallback(async () => {
    try {
      const current = await api.get<Me>('/api/auth/me');
      const normalized = { ...current, pending: current.pending ?? [], roles: current.roles ?? rolesUpTo(current.role) };
      setMe(normalized);
      return normalized;
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
        setMe(null);
        return null;
      }
      throw e;
    }
  }, []);

  useEffect(() => {
    reload().catch(() => setMe(null));
    return onSessionExpired(() => {
      setMe((current) => {
        if (current) setExpired(true);
        return null;
      });
    });
  }, [reload]);

  const fromTokens = useCallback((t: Tokens): Me => {
    const next: Me = { username: t.username, role: t.role, roles: rolesUpTo(t.role), pending: t.pending ?? [] };
    setExpired(false);
    setMe(next);
    return next;
  }, []);

  const login = useCallback(
    async (username: string, password: string) => fromTokens(await api.post<Tokens>('/api/auth/login', { username, password })),
    [fromTokens],
  );

  const completeFirstLogin = useCallback(
    async (newPassword: string, acceptEula: boolean) =>
      fromTokens(await api.post<Tokens>('/api/auth/first-login', { newPassword, acceptEula })),
    [fromTokens],
  );

  const logout = useCallback(async () => {
    let identityProviderLogout: string | undefined;
    try {
      const ended = await api.post<{ logoutUrl?: string } | undefined>('/api/auth/logout');
      identityProviderLogout = ended?.logoutUrl;
    } finally {
      setExpired(false);
      setMe(null);
    }
    // a single sign-on session ends at the identity provider too, which then sends the browser back
    if (identityProviderLogout && /^https?:\/\//.test(identityProviderLogout)) {
      window.location.assign(identityProviderLogout);
    }
  }, []);

  const value = useMemo<AuthState>(
    () => ({
      me,
      expired,
      can: (role: Role) => !!me && me.pending.length === 0 && me.roles.includes(role),
      login,
      completeFirstLogin,
      logout,
      reload,
    }),
    [me, expired, login, completeFirstLogin, logout, reload],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** Renders its children only for users with the role (edit controls for admins, say). */
export function IfRole({ role, children }: { role: Role; children: ReactNode }) {
  const { can } = useAuth();
  return can(role) ? <>{children}</> : null;
}
