// Jest globalSetup of the browser tier: builds the console once per run into test-output/console,
// which every browser suite's API serves (RECERT_CONSOLE_DIR).
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async function buildConsole() {
  const root = join(__dirname, '..', '..');
  execFileSync(join(root, 'node_modules', '.bin', 'vite'), ['build', 'apps/console', '--outDir', join(root, 'test-output', 'console'), '--emptyOutDir', '--logLevel', 'error'], {
    cwd: root,
    stdio: 'inherit',
  });
};
