// The trivial workflow of the workflow benchmark (bench/workflow.bench.ts): one workflow task and
// done, so its start rate is the engine's ceiling on the machine.
export async function trivialWorkflow(): Promise<string> {
  return 'done';
}
