import 'reflect-metadata';
import { runCli } from './run-cli';

/** `npm run cli -- <command> ...`: the operators' CLI (README "CLI"). */
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
