/**
 * The case services in one import. Each lives in its own file by concern; callers (IPC handlers,
 * the command line, the headless host) import from here.
 */
export { registerCase, hasRecentCaseOfComplainant } from './register.service';
export { getCase, listCases, countCases, dueSummary, getCaseHistory, deadlineInfo } from './read.service';
export { updateCase, annotateCase, caseEditSchema, type CaseEditPatch } from './edit.service';
export { transitionCase, mergeCase, mergeInputSchema, type MergeInput } from './lifecycle.service';
