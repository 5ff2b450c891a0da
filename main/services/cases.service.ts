/**
 * The case services in one import. Each lives in its own file by concern; callers (IPC handlers,
 * the command line, the headless host) import from here.
 */
export { registerCase, hasRecentCaseOfComplainant } from './cases-register.service';
export {
  getCase,
  listCases,
  countCases,
  dueSummary,
  getCaseHistory,
  deadlineInfo,
} from './cases-read.service';
export { updateCase, annotateCase, caseEditSchema, type CaseEditPatch } from './cases-edit.service';
export { transitionCase, mergeCase, mergeInputSchema, type MergeInput } from './cases-lifecycle.service';
