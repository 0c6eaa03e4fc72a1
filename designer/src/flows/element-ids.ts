/** The first `${prefix}-${n}` not already taken; ids stay short and readable in issues. */
export function freshId(prefix: string, taken: ReadonlySet<string>): string {
  const base = prefix.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 80) || 'node';
  let n = 1;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

/** Reserves the id in `taken` so a batch of new elements never collides with itself. */
export function claimId(prefix: string, taken: Set<string>): string {
  const id = freshId(prefix, taken);
  taken.add(id);
  return id;
}

// Case ids are identifiers (they name exits and appear in rule traces), so no dashes.
export function nextCaseId(cases: readonly { id: string }[]): string {
  const taken = new Set(cases.map((c) => c.id));
  let n = cases.length + 1;
  while (taken.has(`case_${n}`)) n += 1;
  return `case_${n}`;
}
