// The in-memory Workbook the mail tests run on must keep the same contract as the real adapters.
import { describeWorkbookContract } from '../contract/workbook-contract';
import { MemoryWorkbook } from './memory-workbook';

describeWorkbookContract('in memory (test fake)', () => {
  const workbook = new MemoryWorkbook();
  return { workbook, reload: async () => workbook };
});
