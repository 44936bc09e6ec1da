// The workflows the case worker registers (this file is the bundle's entry point).
export { caseWorkflow } from './case.workflow';
export { whistleWorkflow } from './whistle.workflow';
export { proactiveTaskWorkflow } from './proactive-task.workflow';
