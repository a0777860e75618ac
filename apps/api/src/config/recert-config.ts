import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

/**
 * Every setting the app reads, validated at boot (style.md habit 10). A bad value stops start-up
 * with a sentence that names the setting.
 */
export class RecertConfig {
  @Transform(({ value }) => Number(value))
  @IsInt({ message: 'PORT must be a whole number between 0 and 65535 (0 picks a free port).' })
  @Min(0, { message: 'PORT must be a whole number between 0 and 65535 (0 picks a free port).' })
  @Max(65535, { message: 'PORT must be a whole number between 0 and 65535 (0 picks a free port).' })
  PORT!: number;

  /** Unset: the embedded PGlite database under DATA_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'DATABASE_URL must be a PostgreSQL URL such as postgres://user@host:5432/db, or unset for the embedded database.',
  })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a Redis URL such as redis://127.0.0.1:6379.' })
  REDIS_URL?: string;

  @IsOptional()
  @Matches(/^(kurrentdb|esdb|kdb)(\+discover)?:\/\/\S+$/, {
    message: 'KURRENTDB_URL must be a KurrentDB connection string such as kurrentdb://127.0.0.1:2113?tls=false.',
  })
  KURRENTDB_URL?: string;

  @IsString()
  DATA_DIR!: string;

  @IsString()
  RECERT_TIME_ZONE!: string;

  /** Pins the clock for demos and simulations: an ISO instant or a YYYY-MM-DD date. */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/, {
    message: 'RECERT_NOW must be an ISO date (2026-12-31) or instant (2026-12-31T18:00:00Z).',
  })
  RECERT_NOW?: string;

  @IsOptional()
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'RECERT_ADMIN_EMAIL must be an email address.' })
  RECERT_ADMIN_EMAIL?: string;

  @IsOptional()
  @MinLength(12, { message: 'RECERT_ADMIN_PASSWORD must be at least 12 characters long.' })
  RECERT_ADMIN_PASSWORD?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent.',
  })
  LOG_LEVEL!: string;

  /**
   * `all`: the API and the projection runners in one process (`npm start`); `api`: HTTP only;
   * `worker`: the runners only (`npm run start:worker`). `api` and `worker` need PostgreSQL.
   */
  @IsIn(['all', 'api', 'worker'], { message: 'RECERT_MODE must be one of all, api, worker.' })
  RECERT_MODE!: RecertMode;

  /** The built staff console (`vite build apps/console`), served at `/`; relative to the working directory. */
  @IsString()
  RECERT_CONSOLE_DIR!: string;
}

export type RecertMode = 'all' | 'api' | 'worker';

const DEFAULTS = { PORT: '3000', DATA_DIR: './data', RECERT_TIME_ZONE: 'America/Denver', LOG_LEVEL: 'info', RECERT_MODE: 'all', RECERT_CONSOLE_DIR: 'dist/console' };

export class InvalidConfiguration extends Error {
  constructor(readonly problems: string[]) {
    super(`Recert cannot start: ${problems.join(' ')}`);
    this.name = 'InvalidConfiguration';
  }
}

// Date.parse accepts 2026-02-31; a real date survives the round trip.
function isRealDate(value: string): boolean {
  const day = value.slice(0, 10);
  const midnight = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(Date.parse(value)) && !Number.isNaN(midnight.getTime()) && midnight.toISOString().slice(0, 10) === day;
}

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// The settings read from the environment; nothing else in it is looked at.
class RecertConfigKeys implements Record<keyof RecertConfig, undefined> {
  PORT = undefined;
  DATABASE_URL = undefined;
  REDIS_URL = undefined;
  KURRENTDB_URL = undefined;
  DATA_DIR = undefined;
  RECERT_TIME_ZONE = undefined;
  RECERT_NOW = undefined;
  RECERT_ADMIN_EMAIL = undefined;
  RECERT_ADMIN_PASSWORD = undefined;
  LOG_LEVEL = undefined;
  RECERT_MODE = undefined;
  RECERT_CONSOLE_DIR = undefined;
}

/** Validates the environment; throws InvalidConfiguration naming every bad setting. */
export function loadRecertConfig(env: Record<string, string | undefined>): RecertConfig {
  const given = Object.fromEntries(
    Object.keys(new RecertConfigKeys()).flatMap((key) => (env[key] ? [[key, env[key]]] : [])),
  );
  const config = plainToInstance(RecertConfig, { ...DEFAULTS, ...given });
  const problems = [
    ...new Set(validateSync(config).flatMap((error) => Object.values(error.constraints ?? {}))),
  ];
  if (!isKnownTimeZone(config.RECERT_TIME_ZONE)) {
    problems.push(`RECERT_TIME_ZONE "${config.RECERT_TIME_ZONE}" is not a time zone name such as America/Denver.`);
  }
  if (problems.length === 0 && config.RECERT_NOW && !isRealDate(config.RECERT_NOW)) {
    problems.push(`RECERT_NOW "${config.RECERT_NOW}" is not a real date.`);
  }
  if (Boolean(config.RECERT_ADMIN_EMAIL) !== Boolean(config.RECERT_ADMIN_PASSWORD)) {
    problems.push('RECERT_ADMIN_EMAIL and RECERT_ADMIN_PASSWORD must be set together.');
  }
  // The embedded database lives inside one process: an api or a worker alone could never meet the other half.
  if (problems.length === 0 && config.RECERT_MODE !== 'all' && !config.DATABASE_URL) {
    problems.push(`RECERT_MODE ${config.RECERT_MODE} runs the API and the projections apart, which needs DATABASE_URL (PostgreSQL).`);
  }
  if (problems.length > 0) throw new InvalidConfiguration(problems);
  return config;
}
