/**
 * An approval task's record id (`case-<caseId>/<nodeId>#<visit>`) holds `/` and `#`, which
 * URLs treat specially; its base64url form is the task's public id in every API path.
 */
export const publicTaskId = (recordId: string) =>
  Buffer.from(recordId, 'utf8').toString('base64url');

export const taskRecordIdOf = (publicId: string) =>
  Buffer.from(publicId, 'base64url').toString('utf8');
