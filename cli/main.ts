/**
 * The archtdd CLI (cac, as vitest uses). `pnpm archtdd <command>` in a checkout.
 */
import { cac } from 'cac';
import { ArchtddError, ExitCode } from '../harness/errors.js';
import './plugins.js';
import { registerCommands } from './commands.js';

const cli = cac('archtdd');
registerCommands(cli);
cli.help();
cli.version('0.1.0');

try {
  cli.parse(process.argv, { run: false });
  if (!cli.matchedCommand) {
    if (process.argv.length <= 2 || cli.options.help || cli.options.version) {
      if (process.argv.length <= 2) cli.outputHelp();
    } else {
      process.stderr.write(`archtdd: unknown command "${cli.args[0]}".\n  fix: run "archtdd --help" for the commands.\n`);
      process.exitCode = ExitCode.invalid;
    }
  } else {
    const code = await cli.runMatchedCommand();
    if (typeof code === 'number') process.exitCode = code;
  }
} catch (e) {
  if (e instanceof ArchtddError) {
    process.stderr.write(`archtdd: ${e.describe()}\n`);
    process.exitCode = e.exitCode;
  } else if (e instanceof Error && e.name === 'CACError') {
    process.stderr.write(`archtdd: ${e.message}\n  fix: run "archtdd --help".\n`);
    process.exitCode = ExitCode.invalid;
  } else {
    throw e;
  }
}
