import { runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), { out: process.stdout, err: process.stderr });
