// Jest setup of the integration tests: the Temporal SDK logs warnings and errors only (its INFO
// lines about bundles and worker states would bury the test output).
import { DefaultLogger, Runtime } from '@temporalio/worker';

try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // already installed in this module registry
}
