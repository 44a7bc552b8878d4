#!/usr/bin/env node
import { main } from '../dist/cli/main.js';
import { endQuietlyWhenOutputCloses } from '../dist/cli/io.js';

endQuietlyWhenOutputCloses();
process.exitCode = await main(process.argv);
