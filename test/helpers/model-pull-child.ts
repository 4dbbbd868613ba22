// Run by test/cli/model-pull.test.ts in a child process (node --import tsx), so the test can
// kill it mid-download like a Ctrl-C or a crash would. Prints "progress <bytes> <total>" lines.
import { pullModel } from "../../src/llm/download/pull-model.js";

const [uri, cacheDir] = process.argv.slice(2);
if (uri === undefined || cacheDir === undefined) throw new Error("usage: model-pull-child URI CACHE_DIR");
await pullModel({
  uri,
  cacheDir,
  onProgress: ({ downloadedBytes, totalBytes }) => process.stdout.write(`progress ${downloadedBytes} ${totalBytes}\n`),
});
process.stdout.write("done\n");
