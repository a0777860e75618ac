import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { hash } from '@node-rs/argon2';
import { staffDecider, staffStream } from '@recert/domain';
import type { EventStore } from '@recert/event-store';
import { randomUUID } from 'node:crypto';
import { CommandRunner } from '../commands/command-runner';
import type { RecertConfig } from '../config/recert-config';
import { EVENT_STORE, RECERT_CONFIG } from '../database/tokens';
import { staffIdOf } from './staff-account';

/**
 * The first admin from RECERT_ADMIN_EMAIL / RECERT_ADMIN_PASSWORD: created once, never
 * overwritten (a restart with another password changes nothing; api.md, "Sign-in").
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
    const { RECERT_ADMIN_EMAIL: email, RECERT_ADMIN_PASSWORD: password } = this.config;
    if (!email || !password) return;
    const staffId = staffIdOf(email);
    if ((await this.store.streamRevision(staffStream(staffId))) >= 0) return;
    const passwordHash = await hash(password);
    // Two processes starting at once: the loser's append conflicts, reloads, and the decider finds nothing to do.
    const outcome = await this.commands.run(
      staffDecider,
      staffStream(staffId),
      { type: 'CreateStaffAccount', staffId, email, name: 'Administrator', roles: ['admin'], passwordHash },
      { actor: 'system', correlationId: randomUUID(), source: 'startup' },
    );
    if (outcome.events.length > 0) this.logger.log(`Created the first admin ${email.trim().toLowerCase()}`);
  }
}
