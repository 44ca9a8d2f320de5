// Installs the template scanners ahead of the first test run (scripts/bootstrap.sh runs this), so
// the wait happens once, visibly.
import { ensureScanners } from './installScanners';

const started = Date.now();
ensureScanners({ log: (line) => process.stderr.write(`edgecv: ${line}\n`) }).then(
  () => process.stderr.write(`edgecv: template scanners ready (${((Date.now() - started) / 1000).toFixed(1)} s)\n`),
  (error: unknown) => {
    process.stderr.write(`edgecv: installing the template scanners failed\n${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
