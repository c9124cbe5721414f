import type { Command } from '../command.js';

/** Every CLI command, in the order `--help` lists them. Add yours here. */
export const COMMANDS: Command[] = [];
