import type { TransitionInput } from '../../../shared/domain/lifecycle';
import { INTERNAL_CAUSES } from '../../../shared/domain/case-codes';
import { MONETARY_RESOLUTIONS } from '../../../shared/domain/lifecycle-input';
import type { RectificationMove } from '../../../shared/domain/rectification';
import type { ContactInput } from '../../../shared/domain/contacts';
import type { SeedHandling, SeedLifecycle } from './lifecycle';
import { seededUuidV7, type Random } from './random';
import { momentOn } from './seed-clock';
import type { SeedCalendar } from './seed-calendar';
import type { SeedActor, SeedStep } from './seed-types';
import { STORY_TEXT } from './story-text';

/**
 * A case's history as its handlers would have made it, from where it stands today (lifecycle.ts)
 * and what they found (planHandling): accepted or refused, assigned, the handler's 回避 declaration,
 * contacts with the customer, pauses and extensions, the decision and the contact that told the
 * customer, 回访, rectification actions, closing and archiving. Steps are placed at moments in
 * order, none after the clock ceiling; a step that finds no room before it ends the story there.
 */

/** Stands for the handler the seed assigns (seed-staff.ts picks a user of the archive). */
export const ASSIGNED_HANDLER = '@handler';

interface Entry {
  date: string;
  step: DistributiveOmit<SeedStep, 'at'>;
}
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface StoryInput {
  receivedAt: number;
  receivedDate: string;
  today: string;
  ceiling: number;
  life: SeedLifecycle;
  handling: SeedHandling;
}

export function planStory(random: Random, calendar: SeedCalendar, input: StoryInput): SeedStep[] {
  const chain = new Chain(calendar, input.receivedDate);
  const side: Entry[] = [];
  mainChain({ random, calendar, chain, side, input });
  return placeInTime(random, [...chain.entries, ...side], input);
}

/** What the planning functions share for one case; `side` takes the entries of chains beside the main one. */
interface Planning {
  random: Random;
  calendar: SeedCalendar;
  chain: Chain;
  side: Entry[];
  input: StoryInput;
}

/** Entries of one causal chain: each on or after the day of the one before. */
class Chain {
  readonly entries: Entry[] = [];
  private day: string;
  constructor(
    private readonly calendar: SeedCalendar,
    start: string,
  ) {
    this.day = start;
  }
  get current(): string {
    return this.day;
  }
  /** The day `offset` days after the current one (or after `from`), never before the current one. */
  dayAfter(offset: number, from = this.day): string {
    const day = this.calendar.plusDays(from, offset);
    return day < this.day ? this.day : day;
  }
  add(date: string, step: Entry['step']): string {
    this.day = date < this.day ? this.day : date;
    this.entries.push({ date: this.day, step });
    return this.day;
  }
  transition(date: string, actor: SeedActor, input: TransitionInput): string {
    return this.add(date, { kind: 'transition', actor, input });
  }
  contact(random: Random, date: string, contact: Omit<ContactInput, 'contactedBy' | 'contactDate'>): string {
    const id = seededUuidV7(random, Date.parse(`${date}T00:00:00Z`));
    this.add(date, { kind: 'contact', id, contact: { ...contact, contactDate: this.dayAfter(0, date) } });
    return id;
  }
}

function mainChain(planning: Planning): void {
  const { random, calendar, chain, input } = planning;
  const { life, handling, receivedDate } = input;
  if (life.status === 'registered') return;
  if (life.status === 'rejected') {
    chain.transition(life.decidedDate ?? receivedDate, 'supervisor', {
      action: 'reject',
      reason: random.pick(STORY_TEXT.rejectReasons),
    });
    return;
  }
  chain.transition(chain.dayAfter(random.chance(0.6) ? 0 : 1), 'supervisor', { action: 'accept' });
  if (life.status === 'accepted') return;
  if (life.status === 'withdrawn') {
    chain.transition(life.closedDate ?? chain.current, 'handler', {
      action: 'withdraw',
      reason: STORY_TEXT.withdrawReason,
    });
    return;
  }
  chain.transition(chain.current, 'supervisor', { action: 'assign', handlerUserId: ASSIGNED_HANDLER });
  chain.transition(chain.dayAfter(random.int(0, 1)), 'handler', {
    action: 'start_investigation',
    conflictDeclaration: STORY_TEXT.declaration,
    ...(handling.investigationNotes ? { notes: handling.investigationNotes } : {}),
  });
  if (random.chance(0.15))
    chain.contact(random, chain.current, {
      method: 'phone',
      summary: STORY_TEXT.notReached,
      outcome: 'not_reached',
    });
  chain.contact(random, chain.dayAfter(random.int(0, 1)), {
    method: random.chance(0.8) ? 'phone' : 'visit',
    summary: STORY_TEXT.firstContact,
    outcome: 'informed',
  });
  const decision = life.decidedDate;
  const end = decision ?? input.today;
  pauseSteps(random, calendar, chain, life, end);
  extensionSteps(random, chain, life, receivedDate, end);
  if (!decision) {
    openEnding(planning);
    return;
  }
  decisionSteps(planning, decision);
}

function pauseSteps(
  random: Random,
  calendar: SeedCalendar,
  chain: Chain,
  life: SeedLifecycle,
  end: string,
): void {
  // A few open cases wait for the customer's material right now: paused, not resumed.
  const isWaiting = life.decidedDate === null && life.pausedDays === 0 && random.chance(0.08);
  if (life.pausedDays === 0 && !isWaiting) return;
  const paused = chain.dayAfter(random.int(1, 3));
  if (paused >= end) return;
  chain.contact(random, paused, {
    method: 'phone',
    summary: STORY_TEXT.materialRequest,
    outcome: 'material_requested',
  });
  chain.transition(paused, 'handler', {
    action: 'pause_clock',
    reason: STORY_TEXT.pauseReason,
    date: paused,
  });
  if (isWaiting) return;
  const resumed = calendar.plusDays(paused, life.pausedDays);
  if (resumed >= end) return;
  chain.transition(resumed, 'handler', { action: 'resume_clock', date: resumed });
}

function extensionSteps(
  random: Random,
  chain: Chain,
  life: SeedLifecycle,
  receivedDate: string,
  end: string,
): void {
  for (const [toDays, lastDay] of [
    [30, 14],
    [60, 29],
  ] as const) {
    if (life.limitDays < toDays) return;
    const day = chain.dayAfter(random.int(lastDay - 4, lastDay), receivedDate);
    if (day >= end) return;
    const contactId = chain.contact(random, day, {
      method: 'phone',
      summary: STORY_TEXT.extensionContact,
      outcome: 'informed',
    });
    chain.transition(day, 'supervisor', {
      action: 'extend',
      toDays,
      reason: random.pick(STORY_TEXT.extensionReasons),
      customerInformed: true,
      contactId,
    });
  }
}

function openEnding({ chain, input }: Planning): void {
  const { life, handling, today } = input;
  const day = life.lastDate > today ? today : life.lastDate;
  if (life.status === 'escalated' && life.escalatedTo) {
    chain.transition(day, 'handler', {
      action: 'escalate',
      escalatedTo: life.escalatedTo,
      reason: STORY_TEXT.escalateReason,
    });
  }
  if (life.status === 'resolution_proposed') proposeStep(chain, day, handling);
}

function proposeStep(chain: Chain, day: string, handling: SeedHandling): void {
  const amount = handling.resolutionAmountFen;
  const isMonetary = MONETARY_RESOLUTIONS.includes(handling.resolutionType ?? '');
  chain.transition(day, 'handler', {
    action: 'propose_resolution',
    resolutionType:
      isMonetary && amount === null ? 'explanation' : (handling.resolutionType ?? 'explanation'),
    ...(isMonetary && amount !== null ? { resolutionAmountFen: amount } : {}),
    decisionNotice: handling.decisionNotice ?? STORY_TEXT.fallbackNotice,
    ...(handling.rootCause ? { rootCause: handling.rootCause } : {}),
  });
}

function decisionSteps(planning: Planning, decision: string): void {
  const { random, calendar, chain, side, input } = planning;
  const { life, handling } = input;
  const proposed = chain.dayAfter(-random.int(0, 2), decision);
  const isRectified = handling.rectificationAction !== null;
  if (isRectified)
    chain.add(proposed, {
      kind: 'root_cause',
      input: { internalCause: random.pick(INTERNAL_CAUSES), rootCause: handling.rootCause ?? undefined },
    });
  proposeStep(chain, proposed, handling);
  const accepted = handling.customerAccepted ?? undefined;
  const contactId = chain.contact(random, decision, {
    method: random.chance(0.85) ? 'phone' : 'letter',
    summary: accepted === false ? STORY_TEXT.decisionNotAccepted : STORY_TEXT.decisionAccepted,
    outcome: accepted === false ? 'not_accepted' : 'accepted',
  });
  chain.transition(decision, 'handler', {
    action: 'inform_customer',
    informedDate: decision,
    ...(accepted !== undefined ? { customerAccepted: accepted } : {}),
    contactId,
  });
  const verified = isRectified ? rectificationChain(planning, decision, side) : null;
  if (life.reviewRequestedDate) {
    chain.transition(life.reviewRequestedDate, 'handler', {
      action: 'request_review',
      requestedDate: chain.dayAfter(0, life.reviewRequestedDate),
    });
    if (life.closedDate) chain.transition(life.closedDate, 'supervisor', { action: 'close' });
    return;
  }
  if (!life.followUpDate || !handling.satisfaction) return;
  const followed = chain.dayAfter(0, life.followUpDate);
  chain.transition(followed, 'handler', {
    action: 'record_follow_up',
    satisfaction: handling.satisfaction,
    followUpDate: followed,
    ...(handling.followUpNotes ? { notes: handling.followUpNotes } : {}),
  });
  if (!life.closedDate) return;
  const closed = chain.transition(life.closedDate, 'supervisor', { action: 'close' });
  if (life.status !== 'archived') return;
  // Archived only once the rectification it started is verified: an archived case takes no more steps.
  const archived = verified && verified >= life.lastDate ? calendar.plusDays(verified, 1) : life.lastDate;
  chain.transition(archived < closed ? closed : archived, 'supervisor', { action: 'archive' });
}

/** One rectification action: planned at the decision, in progress, done with evidence, verified. */
function rectificationChain({ random, calendar, input }: Planning, decision: string, side: Entry[]): string {
  const { handling } = input;
  const rect = new Chain(calendar, decision);
  const id = seededUuidV7(random, Date.parse(`${decision}T00:00:00Z`));
  const added = rect.dayAfter(random.int(0, 2));
  const dueDate = calendar.plusDays(added, random.int(20, 45));
  rect.add(added, {
    kind: 'rectification_added',
    id,
    input: {
      what: handling.rectificationAction ?? STORY_TEXT.rectificationWhat,
      department: random.pick(STORY_TEXT.departments),
      owner: handling.rectificationOwner ?? STORY_TEXT.fallbackOwner,
      dueDate,
    },
  });
  const move = (date: string, actor: SeedActor, to: RectificationMove) =>
    rect.add(date, { kind: 'rectification_moved', id, actor, move: to });
  move(rect.dayAfter(random.int(1, 5)), 'handler', { to: 'in_progress' });
  // Most are done before they are due; some run late (the overdue-rectification view has cases).
  move(calendar.plusDays(dueDate, random.int(-15, 4)), 'handler', {
    to: 'done',
    evidence: STORY_TEXT.evidence,
  });
  const verified = move(rect.dayAfter(random.int(1, 7)), 'supervisor', { to: 'verified' });
  side.push(...rect.entries);
  return verified;
}

function placeInTime(random: Random, all: Entry[], input: StoryInput): SeedStep[] {
  // Stable: a chain's own order is kept; on one day the main chain's steps come first.
  const entries = all
    .map((entry, order) => ({ entry, order }))
    .filter(({ entry }) => entry.date <= input.today)
    .sort((a, b) => (a.entry.date < b.entry.date ? -1 : a.entry.date > b.entry.date ? 1 : a.order - b.order));
  const steps: SeedStep[] = [];
  let last = input.receivedAt;
  for (const { entry } of entries) {
    const at = momentOn(random, entry.date, last, input.ceiling);
    if (at === null) break;
    steps.push({ ...entry.step, at } as SeedStep);
    last = at;
  }
  return steps;
}
