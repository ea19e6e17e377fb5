// Unsaved editor text kept for this page when the editor goes away without saving (its pane closed, the folder changed), offered back when the file is opened again.

export interface Draft {
  text: string;
  /** The version the text was based on: saving it later still detects a change on disk. */
  version: string | null;
}

const drafts = new Map<string, Draft>();

export function keepDraft(path: string, draft: Draft): void {
  drafts.set(path, draft);
}

export function hasDraft(path: string): boolean {
  return drafts.has(path);
}

/** The draft of `path`, removed from the store (the editor holds it now). */
export function takeDraft(path: string): Draft | null {
  const d = drafts.get(path) ?? null;
  drafts.delete(path);
  return d;
}
