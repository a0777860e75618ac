import { Command, Option } from 'nest-commander';
import { ApiCommand, wholeNumber } from '../api-command';
import { asCliError, baseUrlOf, CliError, EXIT, type ConnectionOptions } from '../cli-context';
import { seedDemo } from '../seed-demo';

interface SeedOptions extends ConnectionOptions {
  size?: number;
  seed?: string;
}

/** `npm run seed:demo` as a command: a deterministic demo body recorded through the API. */
@Command({
  name: 'seed-demo',
  description: 'Record a realistic, deterministic demo body through the API (a second run records nothing)',
})
export class SeedDemoCommand extends ApiCommand {
  async run(_: string[], options: SeedOptions): Promise<void> {
    // The demo signs in as the staff it creates, so it needs the admin's password, not a token.
    const email = options.email ?? this.context.env.RECERT_ADMIN_EMAIL;
    const password = options.password ?? this.context.env.RECERT_ADMIN_PASSWORD;
    if (!email || !password) throw new CliError(EXIT.usage, 'seed-demo needs --email and --password (or RECERT_ADMIN_EMAIL and RECERT_ADMIN_PASSWORD); a token is not enough.');
    try {
      await seedDemo({
        baseUrl: baseUrlOf(this.context, options),
        adminEmail: email,
        adminPassword: password,
        ...(options.size !== undefined ? { size: options.size } : {}),
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        log: (line) => this.context.out(line),
      });
    } catch (error) {
      throw asCliError(error);
    }
  }

  @Option({ flags: '--size <n>', description: 'how many certificants (default 300, at least 30)' })
  parseSize(value: string): number {
    return wholeNumber('--size', value, 30);
  }

  @Option({ flags: '--seed <seed>', description: 'the seed (default "recert-demo"): the same seed gives the same demo' })
  parseSeed(value: string): string {
    return value;
  }
}
