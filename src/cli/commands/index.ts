import type { Command } from 'commander';
import type { Output } from '../io.js';
import { registerAdmin } from './admin.js';
import { registerAudit } from './audit.js';
import { registerDemo } from './demo.js';
import { registerHonseki } from './honseki.js';
import { registerIssue } from './issue.js';
import { registerPkiCommands } from './pki.js';
import { registerRules } from './rules.js';
import { registerServe } from './serve.js';
import { registerStart } from './start.js';
import { registerVerify } from './verify.js';

export interface CommandContext {
  io: Output;
  /** Sets the process exit code (1 for a refusal). */
  setExit: (code: number) => void;
}

/** Every sub-command module, one per part of the system. */
const modules: ((program: Command, ctx: CommandContext) => void)[] = [
  registerStart,
  registerRules,
  registerDemo,
  registerServe,
  registerAudit,
  registerIssue,
  registerHonseki,
  registerPkiCommands,
  registerAdmin,
  registerVerify,
];

export const registerCommands = (program: Command, ctx: CommandContext): void => {
  for (const register of modules) register(program, ctx);
};
