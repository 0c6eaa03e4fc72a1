// Shared with the worker's intake, which appends to the same chain: see platform/audit/.
export * from '#platform/audit/audit-chain';
