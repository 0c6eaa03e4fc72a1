// Temporal loads this module by path twice: webpack puts it into the workflow bundle, and the
// client and the worker's activities `require()` it natively. CommonJS is what both accept on
// every Node version the project runs on, with or without a TypeScript loader.
//
// Error messages and stack traces move into the failure's encoded attributes, so the payload
// codec seals them like every other payload: an activity error quoting a postcode or an amount
// is not readable in Temporal's history.
const { DefaultFailureConverter } = require('@temporalio/common');

exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
