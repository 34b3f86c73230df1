/** Editing a message that is unchanged, gone or too old is not a failure worth reporting. */
export function ignoreNotModified(error: unknown): void {
  if (error instanceof Error && /message is not modified|message to edit not found|message can't be edited/.test(error.message)) return;
  throw error;
}
