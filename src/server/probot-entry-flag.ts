let viaPatchsmith = false;

/** Called by runProbot just before it starts Probot: the app is being started by patchsmith's own entry. */
export function markStartedByPatchsmith(): void {
  viaPatchsmith = true;
}

/** Whether patchsmith's entry (`patchsmith start|serve|worker`) started Probot in this process, not `probot run`. */
export function startedByPatchsmith(): boolean {
  return viaPatchsmith;
}
