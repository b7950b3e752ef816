import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';
import { EXIT_USAGE, type Output, processOutput, UsageError } from './io.js';

/** Builds the kofu command; each part of the system registers its sub-commands. */
export const buildProgram = (io: Output, setExit: (code: number) => void): Command => {
  const program = new Command('kofu')
    .description('kofu — コンビニ交付 (convenience-store certificate issuance), an open implementation')
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  registerCommands(program, { io, setExit });
  return program;
};

/** Runs the CLI and returns the exit code (0 ok, 1 refused, 2 bad usage). */
export const main = async (argv: string[], io: Output = processOutput): Promise<number> => {
  let code = 0;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0)
        return 0;
      return EXIT_USAGE;
    }
    if (e instanceof UsageError) {
      io.err(`kofu: ${e.message}`);
      return EXIT_USAGE;
    }
    throw e;
  }
};
