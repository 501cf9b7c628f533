#!/usr/bin/env node
// Launcher: lets Node load the TypeScript sources (and users/*.ts) through tsx's CommonJS hook.
require('tsx/cjs');
require('../src/cli.ts').main(process.argv);
