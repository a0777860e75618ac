import { CommandFactory, CommandRunnerService } from 'nest-commander';
import { CliContext, CliError, EXIT, type CliIo, type ExitCode } from './cli-context';
import { CliModule } from './cli.module';

/** commander's own errors (unknown command or flag, missing argument, --help) carry an exit code. */
function isCommanderError(error: unknown): error is Error & { code: string; exitCode: number } {
  const code: unknown = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('commander.');
}

/** The exit code for how a command ended; the sentence goes to stderr (commander has already written its own). */
function ended(context: CliContext, error: unknown): ExitCode {
  if (error instanceof CliError) {
    context.err(error.message);
    return error.exitCode;
  }
  if (isCommanderError(error)) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  // Not `instanceof Error`: errors from node itself may come from another realm (as under jest).
  context.err((error as { message?: string } | null)?.message ?? String(error));
  return EXIT.failed;
}

/**
 * Runs the CLI in this process on `argv` (the words after the program name) and answers its exit
 * code (README "CLI"): 0 done, 1 the work failed, 2 bad usage or input, 3 the API out of reach or
 * sign-in refused. Nothing calls `process.exit`, so tests run it against a TestApp as it is.
 */
export async function runCli(argv: string[], io: Partial<CliIo> = {}): Promise<ExitCode> {
  const context = new CliContext({ stdout: io.stdout ?? process.stdout, stderr: io.stderr ?? process.stderr, env: io.env ?? process.env });
  const app = await CommandFactory.createWithoutRunning(CliModule.forRun(context), {
    logger: false,
    errorHandler: (error) => {
      throw error;
    },
    serviceErrorHandler: (error) => {
      context.exitCode = ended(context, error);
    },
    outputConfiguration: {
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
    },
  });
  try {
    await app.get(CommandRunnerService).run(['node', 'recert', ...argv]);
  } finally {
    await app.close();
  }
  return context.exitCode;
}
