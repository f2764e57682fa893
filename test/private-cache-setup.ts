// Each test file gets its own cache folder: the remote shell keeps its lock and send journal under
// $XDG_CACHE_HOME/hannop, and a journal left by one test must not hold another test's mail as sent.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.XDG_CACHE_HOME = mkdtempSync(join(tmpdir(), 'hannop-cache-'));
