import { DefaultLogger, Runtime } from '@temporalio/worker';

// The SDK logs every worker state change at INFO; test output should show only what matters.
Runtime.install({ logger: new DefaultLogger('WARN') });
