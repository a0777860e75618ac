import { HttpException, Inject, Injectable, UnauthorizedException, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { verify } from '@node-rs/argon2';
import { staffStream } from '@recert/domain';
import type { EventStore } from '@recert/event-store';
import { createHash, randomBytes } from 'node:crypto';
import { type DataSource, LessThan, MoreThan } from 'typeorm';
import { DATA_SOURCE, EVENT_STORE } from '../database/tokens';
import { observeAppends } from '../projections/appended-events';
import { readStaffAccount, staffIdOf } from '../staff/staff-account';
import { FailedLoginEntity, StaffSessionEntity } from './auth-tables';
import type { Role, SignedInStaff } from './roles';

/** How long a bearer token lives. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
/** Failed sign-ins allowed per email (and, looser, per address: an office shares one) in the window. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_ADDRESS = 50;
/**
 * How long a checked token is trusted without asking the database again (docs/adr/0007): a
 * sign-out or a role change made through this process applies at once; made through another API
 * process, within this long.
 */
export const AUTH_CACHE_MS = 1_000;
const AUTH_CACHE_ENTRIES = 10_000;

const INVALID_CREDENTIALS = 'The email or the password is wrong.';
// Verifying against a real hash when the email is unknown keeps both answers equally slow.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$YjXCkEzXbdNOrO+v73tuHw$z31pi+av729Un4hnGOBTd9LY3kAeSkZQxtkeXsfq/9s';

export interface Session {
  token: string;
  expiresAt: string;
}

/**
 * Sessions and failed sign-ins live in the database, so several API processes agree on both.
 * They run on wall time, not the business clock: RECERT_NOW pins business dates, never token expiry.
 */
@Injectable()
export class Sessions implements OnModuleInit, OnModuleDestroy {
  /** Token hash -> who it was, and until when that answer may be reused. */
  private readonly checked = new Map<string, { staff: SignedInStaff; until: number }>();
  private stopObserving: (() => void) | null = null;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async signIn(email: string, password: string, address: string): Promise<Session> {
    const normalized = email.trim().toLowerCase();
    await this.refuseWhenTooManyFailures(normalized, address);
    const account = await readStaffAccount(this.store, staffIdOf(normalized));
    const matches = await verify(account?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
    if (!account || !matches) {
      await this.dataSource.getRepository(FailedLoginEntity).insert({ email: normalized, address, failedAt: new Date() });
      throw new UnauthorizedException({ code: 'INVALID_CREDENTIALS', message: INVALID_CREDENTIALS });
    }
    await this.dataSource.getRepository(FailedLoginEntity).delete({ email: normalized });
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    const sessions = this.dataSource.getRepository(StaffSessionEntity);
    await sessions.insert({ tokenHash: hashOf(token), staffId: account.staffId, createdAt: now, expiresAt });
    await sessions.delete({ expiresAt: LessThan(now) });
    return { token, expiresAt: expiresAt.toISOString() };
  }

  /** The staff member behind a live token, with the roles their stream holds now (role changes apply at once). */
  async authenticate(token: string): Promise<SignedInStaff | null> {
    const tokenHash = hashOf(token);
    const now = Date.now();
    const cached = this.checked.get(tokenHash);
    if (cached && cached.until > now) return cached.staff;
    this.checked.delete(tokenHash);
    const session = await this.dataSource.getRepository(StaffSessionEntity).findOneBy({ tokenHash, expiresAt: MoreThan(new Date(now)) });
    if (!session) return null;
    const account = await readStaffAccount(this.store, session.staffId);
    if (!account) return null;
    const staff: SignedInStaff = { id: account.staffId, email: account.email, name: account.name, roles: account.roles as Role[] };
    if (this.checked.size >= AUTH_CACHE_ENTRIES) this.checked.delete(this.checked.keys().next().value as string);
    this.checked.set(tokenHash, { staff, until: Math.min(now + AUTH_CACHE_MS, session.expiresAt.getTime()) });
    return staff;
  }

  async signOut(token: string): Promise<void> {
    const tokenHash = hashOf(token);
    this.checked.delete(tokenHash);
    await this.dataSource.getRepository(StaffSessionEntity).delete({ tokenHash });
  }

  /** Any append to a staff member's stream through this process (a role change) ends the trust in their checked tokens. */
  onModuleInit(): void {
    const prefix = staffStream('');
    this.stopObserving = observeAppends(this.store, (appended) => {
      // Every command passes here: most append to no staff stream and cost one scan of a short list.
      if (!appended.some((a) => a.streamId.startsWith(prefix))) return;
      const changed = new Set(appended.map((a) => a.streamId));
      for (const [tokenHash, { staff }] of this.checked) if (changed.has(staffStream(staff.id))) this.checked.delete(tokenHash);
    });
  }

  onModuleDestroy(): void {
    this.stopObserving?.();
  }

  private async refuseWhenTooManyFailures(email: string, address: string): Promise<void> {
    const since = new Date(Date.now() - LOGIN_WINDOW_MS);
    const failures = this.dataSource.getRepository(FailedLoginEntity);
    const [byEmail, byAddress] = await Promise.all([
      failures.countBy({ email, failedAt: MoreThan(since) }),
      failures.countBy({ address, failedAt: MoreThan(since) }),
    ]);
    if (byEmail >= MAX_FAILURES_PER_EMAIL || byAddress >= MAX_FAILURES_PER_ADDRESS) {
      throw new HttpException(
        { code: 'TOO_MANY_ATTEMPTS', message: `Too many failed sign-ins; try again in ${LOGIN_WINDOW_MS / 60_000} minutes.` },
        429,
      );
    }
  }
}

export function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
