// Process entry of `npm start`: the same as `mwallet start`.
import { runStart } from './cli/commands/start.js';

await runStart({ json: false });
