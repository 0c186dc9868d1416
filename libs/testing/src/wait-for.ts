/**
 * Resolves once `condition` returns something truthy, checking every `intervalMs`; rejects with
 * `message` (and the last error the condition threw, if any) after `timeoutMs`. For waiting on
 * work another process or connection does, instead of sleeping for a guessed time. The default
 * ceiling is generous on purpose: a loaded 2-core CI machine takes seconds over what is instant here.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  timeoutMs = 15_000,
  { intervalMs = 20, message = 'condition' }: { intervalMs?: number; message?: string } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${message}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
