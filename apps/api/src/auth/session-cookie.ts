import type { NextFunction, Request, Response } from 'express';
import type { Session, Sessions } from './sessions';

/**
 * The session token as a cookie, for pages a browser opens (Bull Board at /admin/queues) where no
 * bearer header can be sent. Only on `/admin` paths (Path=/admin), HttpOnly (no script reads it),
 * SameSite=Strict (no other site's page makes the browser send it), expiring with the session.
 * The API itself never reads it: /api/v1 takes bearer tokens only.
 */
export const SESSION_COOKIE = 'recert_session';
export const SESSION_COOKIE_PATH = '/admin';

export function setSessionCookie(response: Response, session: Session, secure: boolean): void {
  response.cookie(SESSION_COOKIE, session.token, {
    path: SESSION_COOKIE_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure,
    expires: new Date(session.expiresAt),
  });
}

export function clearSessionCookie(response: Response, secure: boolean): void {
  response.clearCookie(SESSION_COOKIE, { path: SESSION_COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure });
}

/** The value of one cookie in a Cookie header, or null. */
export function cookieOf(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      try {
        return decodeURIComponent(part.slice(at + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

const page = (title: string, sentence: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1><p>${sentence}</p></main></body></html>`;

/**
 * Express middleware for a browser page of admins: the session from the `recert_session` cookie,
 * 401 without a live one, 403 for a signed-in staff member who is not an admin.
 */
export function adminFromSessionCookie(sessions: Sessions) {
  return async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    try {
      const token = cookieOf(request.headers.cookie, SESSION_COOKIE);
      const staff = token ? await sessions.authenticate(token) : null;
      if (!staff) {
        response.status(401).type('html').send(page('Sign in first', 'Sign in to Recert as an admin (POST /api/v1/auth/login sets the session cookie), then open this page again.'));
        return;
      }
      if (!staff.roles.includes('admin')) {
        response.status(403).type('html').send(page('Admins only', `This page needs the role admin; you have ${staff.roles.join(', ') || 'no role'}.`));
        return;
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}
