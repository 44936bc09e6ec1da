/**
 * The rules the live services and the what-if replay share, as pure functions:
 * - the responsibility list (属地管理事项清单) as an aggregate, with its baseline and its versions;
 * - routing (派) of a matter at a place by one version of the list;
 * - the clocks of a case, planned from the deadline policy and the working calendar;
 * - the review step (审): what a result waiting for the centre blocks, and what each ruling does.
 * One rule, one place: dispatch routes with these, case-worker plans its clocks with these, and
 * evaluation's what-if replay runs the same code over past events with a proposal.
 */
export * from './routing';
export * from './clocks';
export * from './baseline-list';
export {
  RESPONSIBILITY_LIST_STREAM,
  initialState as initialListState,
  evolve as evolveList,
  decide as decideList,
  responsibilityList,
  applyChange,
  pushedDown,
  versionAt,
  versionNumbered,
  type ApproveChange,
  type ListVersion,
  type ProposeChange,
  type Proposal,
  type RejectChange,
  type ResponsibilityListCommand,
  type ResponsibilityListEvent,
  type ResponsibilityListState,
} from './responsibility-list';
export * from './review';
