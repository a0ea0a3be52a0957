#!/usr/bin/env node
// The `tiaoli` command. The sources are TypeScript; tsx compiles them as they load.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
