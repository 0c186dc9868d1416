/* global process */
// Preloaded by bench/profile.ts: SIGTERM ends the process with process.exit, so `--cpu-prof` writes its profile
// (Nest's shutdown hook re-raises the signal, and a process killed by a signal writes none).
process.prependListener('SIGTERM', () => process.exit(0));
