/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload, loaded with node -r before any TypeScript */
// Lets a child process run the TypeScript sources as jest does (swc, the same .swcrc), with the
// @recert/* paths of tsconfig.json: the kill -9 test needs the import in a process of its own.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '../../../../..');
const config = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
delete config.$schema;

const libs = { '@recert/domain': 'domain', '@recert/event-store': 'event-store', '@recert/read-models': 'read-models', '@recert/jobs': 'jobs' };
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const lib = libs[request];
  return resolve.call(this, lib ? path.join(root, 'libs', lib, 'src') : request, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), { ...config, filename, swcrc: false, sourceMaps: 'inline' });
  module._compile(code, filename);
};
