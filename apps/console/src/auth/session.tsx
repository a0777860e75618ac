import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setToken, whenUnauthorized } from '../api/client';

/** api.md "Sign-in": the roles; `admin` may do everything, `viewer` only reads. */
export type Role = 'staff' | 'auditor' | 'committee' | 'admin' | 'viewer';

export interface Staff {
  id: string;
  email: string;
  name: string;
  roles: Role[];
}

interface StoredSession {
  token: string;
  expiresAt: string;
}

export interface SessionState {
  staff: Staff | null;
  /** True until a stored session has been checked with the API. */
  loading: boolean;
  /** Why the last session ended on its own ("Your session expired..."), shown on the sign-in page. */
  notice: string | null;
  /** May the signed-in staff member do what these roles may (admin may do everything)? */
  can: (...roles: Role[]) => boolean;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const STORAGE_KEY = 'recert.session';
const EXPIRED = 'Your session expired. Sign in again to go on.';
const SessionContext = createContext<SessionState | null>(null);

function stored(): StoredSession | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as StoredSession | null;
    return value && new Date(value.expiresAt).getTime() > Date.now() ? value : null;
  } catch {
    return null;
  }
}

/** The signed-in staff member: token kept for the tab (sessionStorage), ended at expiry or on any 401. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<StoredSession | null>(() => stored());
  const [staff, setStaff] = useState<Staff | null>(null);
  const [loading, setLoading] = useState<boolean>(() => stored() !== null);
  const [notice, setNotice] = useState<string | null>(null);

  const end = useCallback((why: string | null) => {
    sessionStorage.removeItem(STORAGE_KEY);
    setToken(null);
    setSession(null);
    setStaff(null);
    setNotice(why);
  }, []);

  useEffect(() => whenUnauthorized(() => end(EXPIRED)), [end]);

  useEffect(() => {
    if (!session) {
      setLoading(false);
      return undefined;
    }
    setToken(session.token);
    let live = true;
    api
      .get<Staff>('/auth/me')
      .then((me) => live && setStaff(me))
      .catch(() => live && end(EXPIRED))
      .finally(() => live && setLoading(false));
    const timer = window.setTimeout(() => end(EXPIRED), Math.max(0, new Date(session.expiresAt).getTime() - Date.now()));
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [session, end]);

  const signIn = useCallback(async (email: string, password: string) => {
    const answer = await api.post<StoredSession>('/auth/login', { email, password });
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(answer));
    setNotice(null);
    setLoading(true);
    setSession(answer);
  }, []);

  const signOut = useCallback(async () => {
    await api.post('/auth/logout').catch(() => undefined);
    end(null);
  }, [end]);

  const value = useMemo<SessionState>(
    () => ({
      staff,
      loading,
      notice,
      can: (...roles) => !!staff && (staff.roles.includes('admin') || roles.some((role) => staff.roles.includes(role))),
      signIn,
      signOut,
    }),
    [staff, loading, notice, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** Shows its children only to those whose roles may use them (the API still refuses the others). */
export function Can({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { can } = useSession();
  return can(...roles) ? <>{children}</> : null;
}
