// What the routine daily run writes through the Advanced Sheets service (issue 15): each
// `Spreadsheets.batchUpdate`, its bytes and the bytes it sends to each sheet, on the campaign
// `npm run google-cost` measures (test/gas/google-cost-scenario.ts, 3 responses a unit).
//
// Usage: node scripts/daily-writes.mjs [units …]   (default 100 2000; 5,000 takes about a minute)
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scenario = await tsImport(
  pathToFileURL(path.join(root, 'test/gas/google-cost-scenario.ts')).href,
  import.meta.url,
);
const sizes = process.argv.slice(2).map(Number);
for (const units of sizes.length > 0 ? sizes : [100, 2000]) {
  const batches = scenario.dailyRunWrites(units);
  console.log(`${units} units: ${batches.length} batchUpdate`);
  for (const batch of batches) {
    const sheets = [...batch.bySheet].map(([title, bytes]) => `${title} ${bytes}`).join(', ');
    console.log(`  ${batch.bytes} bytes: ${sheets}`);
  }
}
