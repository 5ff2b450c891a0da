import type { Command } from 'commander';
import { getRectification, getReferral } from '../../../db/repos/case-work.repo';
import { allowedValues } from '../../../shared/i18n/allowed-values';
import { contactInputSchema } from '../../../shared/domain/contacts';
import {
  RECTIFICATION_STATUSES,
  rectificationActionInputSchema,
  rootCauseInputSchema,
} from '../../../shared/domain/rectification';
import { REFERRAL_STATUSES, referralInputSchema } from '../../../shared/domain/referrals';
import { plural } from '../../../shared/i18n/define';
import { caseWorkMessages } from '../../../shared/i18n/case-work';
import { cliCaseWorkMessages } from '../../../shared/i18n/cli-case-work';
import { labelMessages } from '../../../shared/i18n/labels';
import { AppError } from '../../../shared/errors';
import { parseInput } from '../../services/cases/case-scope';
import { listContacts, logContact } from '../../services/cases/contacts.service';
import { customerHistoryOfCase } from '../../services/cases/customer-history.service';
import {
  addRectificationAction,
  listOverdueRectifications,
  listRectificationActions,
  moveRectificationAction,
  setRootCause,
} from '../../services/cases/rectification.service';
import { addReferral, listReferrals, moveReferral } from '../../services/cases/referrals.service';
import { UsageError } from '../errors';
import type { CliIo } from '../io';
import { formatTable, printJson, truncate } from '../output';
import { withSession } from '../session';
import { readCaseJson } from './case-input';
import { resolveCaseId } from './case';

/** `redress casework …`: each case-work change the app makes, from the command line too. */
export function register(program: Command, io: CliIo): void {
  const m = cliCaseWorkMessages[io.locale];
  const group = program.command('casework').description(m.help.group);
  const saved = (json: boolean, value: { id: string }) =>
    json ? printJson(io, value) : io.out(io.say(m.done, { id: value.id }));

  group
    .command('root-cause <case> [file]')
    .description(m.help.rootCause)
    .action(async (caseRef: string, file: string | undefined, _o: unknown, command: Command) => {
      const input = parseInput(rootCauseInputSchema, await readCaseJson(io, file));
      await withSession(io, command, (session, global) => {
        setRootCause(session.ctx, resolveCaseId(session, caseRef), input);
        if (global.json) return printJson(io, { ok: true });
        io.out(m.rootCauseSet);
      });
    });

  group
    .command('rectify <case> [file]')
    .description(m.help.rectify)
    .action(async (caseRef: string, file: string | undefined, _o: unknown, command: Command) => {
      const input = parseInput(rectificationActionInputSchema, await readCaseJson(io, file));
      await withSession(io, command, (session, global) =>
        saved(global.json, addRectificationAction(session.ctx, resolveCaseId(session, caseRef), input)),
      );
    });

  group
    .command('move-rectification <id> <status>')
    .description(m.help.moveRectification)
    .option('--evidence <text>', m.help.evidence)
    .option('--note <text>', m.help.note)
    .action(async (id: string, status: string, o: { evidence?: string; note?: string }, command: Command) => {
      const to = oneOf(io, RECTIFICATION_STATUSES, status);
      await withSession(io, command, (session, global) => {
        const current = getRectification(session.db, id);
        if (!current) throw new AppError('NOT_FOUND', `rectification ${id}`);
        const moved = moveRectificationAction(session.ctx, id, current.version, { to, ...o });
        saved(global.json, moved);
      });
    });

  group
    .command('overdue')
    .description(m.help.overdue)
    .action(async (_o: unknown, command: Command) => {
      await withSession(io, command, (session, global) => {
        const rows = listOverdueRectifications(session.ctx);
        if (global.json) return printJson(io, rows);
        printActions(
          io,
          rows.map((a) => ({ ...a, what: `${a.caseNo}  ${a.what}` })),
        );
      });
    });

  group
    .command('contact <case> [file]')
    .description(m.help.contact)
    .action(async (caseRef: string, file: string | undefined, _o: unknown, command: Command) => {
      const input = parseInput(contactInputSchema, await readCaseJson(io, file));
      await withSession(io, command, (session, global) =>
        saved(global.json, logContact(session.ctx, resolveCaseId(session, caseRef), input)),
      );
    });

  group
    .command('refer <case> [file]')
    .description(m.help.refer)
    .action(async (caseRef: string, file: string | undefined, _o: unknown, command: Command) => {
      const input = parseInput(referralInputSchema, await readCaseJson(io, file));
      await withSession(io, command, (session, global) =>
        saved(global.json, addReferral(session.ctx, resolveCaseId(session, caseRef), input)),
      );
    });

  group
    .command('move-referral <id> <status>')
    .description(m.help.moveReferral)
    .option('--answer <text>', m.help.answer)
    .option('--note <text>', m.help.note)
    .action(async (id: string, status: string, o: { answer?: string; note?: string }, command: Command) => {
      const to = oneOf(io, REFERRAL_STATUSES, status);
      await withSession(io, command, (session, global) => {
        const current = getReferral(session.db, id);
        if (!current) throw new AppError('NOT_FOUND', `referral ${id}`);
        saved(global.json, moveReferral(session.ctx, id, current.version, { to, ...o }));
      });
    });

  group
    .command('show <case>')
    .description(m.help.show)
    .action(async (caseRef: string, _o: unknown, command: Command) => {
      await withSession(io, command, (session, global) => {
        const caseId = resolveCaseId(session, caseRef);
        const work = {
          actions: listRectificationActions(session.ctx, caseId),
          contacts: listContacts(session.ctx, caseId),
          referrals: listReferrals(session.ctx, caseId),
        };
        if (global.json) return printJson(io, work);
        printWork(io, work);
      });
    });

  group
    .command('customer <case>')
    .description(m.help.customer)
    .action(async (caseRef: string, _o: unknown, command: Command) => {
      await withSession(io, command, (session, global) => {
        const history = customerHistoryOfCase(session.ctx, resolveCaseId(session, caseRef));
        if (global.json) return printJson(io, history);
        printHistory(io, history);
      });
    });
}

function oneOf<T extends string>(io: CliIo, allowed: readonly T[], value: string): T {
  const found = allowed.find((s) => s === value.trim());
  if (!found) {
    const words = { name: value, allowed: allowedValues(allowed, io.locale) };
    throw new UsageError(io.say(cliCaseWorkMessages[io.locale].badStatus, words));
  }
  return found;
}

type Work = {
  actions: ReturnType<typeof listRectificationActions>;
  contacts: ReturnType<typeof listContacts>;
  referrals: ReturnType<typeof listReferrals>;
};

function printActions(io: CliIo, actions: Work['actions']): void {
  const labels = caseWorkMessages[io.locale];
  if (actions.length === 0) return io.out(cliCaseWorkMessages[io.locale].none);
  const c = cliCaseWorkMessages[io.locale].columns;
  const rows = actions.map((a) => [a.id, labels.rectificationStatuses[a.status], a.dueDate, a.owner, a.what]);
  for (const line of formatTable([c.id, c.status, c.dueDate, c.owner, c.what], rows)) io.out(line);
}

/** The complainant's other cases in words: status, outcome and satisfaction as the app shows them. */
function printHistory(io: CliIo, history: ReturnType<typeof customerHistoryOfCase>): void {
  const m = cliCaseWorkMessages[io.locale];
  if (history.total === 0) return io.out(m.noOther);
  io.out(io.say(plural(m, 'earlier', history.total, io.locale), { count: history.total }));
  const words = labelMessages[io.locale];
  const rows = history.entries.map((e) => [
    e.caseNo,
    e.receivedDate,
    words.statuses[e.status],
    e.resolutionType ? words.resolutionTypes[e.resolutionType] : '—',
    e.satisfaction ? words.satisfaction[e.satisfaction] : '—',
    truncate(e.requestSummary, 40),
  ]);
  const c = m.columns;
  const headers = [c.caseNo, c.received, c.status, c.outcome, c.satisfaction, c.request];
  for (const line of formatTable(headers, rows)) io.out(line);
}

function printWork(io: CliIo, work: Work): void {
  const m = cliCaseWorkMessages[io.locale];
  const labels = caseWorkMessages[io.locale];
  io.out(`${m.rectifications}:`);
  printActions(io, work.actions);
  io.out(`${m.contacts}:`);
  for (const c of work.contacts)
    io.out(`  ${c.contactDate}  ${labels.contactMethods[c.method]}  ${c.contactedBy}  ${c.summary}`);
  io.out(`${m.referrals}:`);
  for (const r of work.referrals)
    io.out(
      `  ${r.id}  ${labels.referralKinds[r.kind]}  ${labels.referralStatuses[r.status]}  ${r.dueDate}  ${r.task}`,
    );
}
