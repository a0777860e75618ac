import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { hash } from '@node-rs/argon2';
import { staffDecider, staffStream } from '@recert/domain';
import type { EventStore } from '@recert/event-store';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CommandRunner } from '../commands/command-runner';
import type { RecertConfig } from '../config/recert-config';
import { EVENT_STORE, RECERT_CONFIG } from '../database/tokens';
import { staffIdOf } from './staff-account';

/** The demo admin of the embedded database when no first admin is configured (`npm ci && npm start`). */
export const DEMO_ADMIN_EMAIL = 'admin@recert.local';
export const DEMO_ADMIN_FILE = 'demo-admin.txt';

/**
 * Who the first admin is: RECERT_ADMIN_EMAIL / RECERT_ADMIN_PASSWORD when both are set; on the
 * embedded database without them, the demo admin (its password made up at first start); against
 * PostgreSQL without them, nobody (a production body chooses its own).
 */
export function firstAdminOf(config: Pick<RecertConfig, 'RECERT_ADMIN_EMAIL' | 'RECERT_ADMIN_PASSWORD' | 'DATABASE_URL'>): { email: string; password: string | null } | null {
  if (config.RECERT_ADMIN_EMAIL && config.RECERT_ADMIN_PASSWORD) return { email: config.RECERT_ADMIN_EMAIL, password: config.RECERT_ADMIN_PASSWORD };
  if (!config.DATABASE_URL && !config.RECERT_ADMIN_EMAIL && !config.RECERT_ADMIN_PASSWORD) return { email: DEMO_ADMIN_EMAIL, password: null };
  return null;
}

/**
 * The first admin (see firstAdminOf): created once, never overwritten (a restart with another
 * password changes nothing; api.md, "Sign-in"). A demo admin's password is written to
 * DATA_DIR/demo-admin.txt (owner-only) and the log says where.
 */
@Injectable()
export class FirstAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('staff');

  constructor(
    @Inject(RECERT_CONFIG) private readonly config: RecertConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: CommandRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = firstAdminOf(this.config);
    if (!admin) return;
    const { email } = admin;
    const staffId = staffIdOf(email);
    if ((await this.store.streamRevision(staffStream(staffId))) >= 0) return;
    const password = admin.password ?? randomBytes(12).toString('base64url');
    const passwordHash = await hash(password);
    // Two processes starting at once: the loser's append conflicts, reloads, and the decider finds nothing to do.
    const outcome = await this.commands.run(
      staffDecider,
      staffStream(staffId),
      { type: 'CreateStaffAccount', staffId, email, name: 'Administrator', roles: ['admin'], passwordHash },
      { actor: 'system', correlationId: randomUUID(), source: 'startup' },
    );
    if (outcome.events.length === 0) return;
    if (admin.password) return this.logger.log(`Created the first admin ${email.trim().toLowerCase()}`);
    const file = join(this.config.DATA_DIR, DEMO_ADMIN_FILE);
    await mkdir(this.config.DATA_DIR, { recursive: true });
    await writeFile(file, `email: ${email}\npassword: ${password}\n`, { mode: 0o600 });
    this.logger.warn(`Created the demo admin ${email}; its password is in ${file}. Set RECERT_ADMIN_EMAIL and RECERT_ADMIN_PASSWORD to choose your own.`);
  }
}
