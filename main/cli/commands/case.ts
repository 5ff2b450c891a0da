import { recordAccess } from '../../services/audit/access-log';
import type { Command } from 'commander';
import { eq } from 'drizzle-orm';
import { cases } from '../../../db/schema';
import { caseRegistrationSchema } from '../../../shared/domain/case';
import { parseCaseNumber } from '../../../shared/domain/case-number';
import type { CaseListPage } from '../../../shared/domain/case-query';
import { localDate } from '../../../shared/domain/deadlines';
import { uiCommonMessages } from '../../../shared/i18n/ui-common';
import type { ArchiveSession } from '../../services/auth/auth.service';
import { parseInput } from '../../services/cases/case-scope';
import { getCase, getCaseHistory, listCases, registerCase } from '../../services/cases';
import type { CliIo } from '../io';
import { formatFields, formatTable, printJson, truncate } from '../output';
import { withSession } from '../session';
import { parseCount, parseLimit, parseStatuses, readCaseJson } from './case-input';

export function register(program: Command, io: CliIo): void {
  const h = io.text.help;
  const group = program.command('case').description(h.case_);

  group
    .command('add [file]')
    .description(h.caseAdd)
    .action(async (file: string | undefined, _options: unknown, command: Command) => {
      // Checked before signing in: a refused case must not leave even a sign-in event behind.
      const input = parseInput(caseRegistrationSchema, await readCaseJson(io, file));
      await withSession(io, command, (session, global) => {
        const record = registerCase(session.ctx, input);
        if (global.json) return printJson(io, record);
        io.out(
          io.say(io.text.case.registered, {
            caseNo: record.caseNo,
            id: record.id,
            dueDate: record.deadline.dueDate,
          }),
        );
      });
    });

  group
    .command('list')
    .description(h.caseList)
    .option('--status <list>', h.status)
    .option('--limit <n>', h.limit)
    .option('--offset <n>', h.offset)
    .action(async (options: { status?: string; limit?: string; offset?: string }, command: Command) => {
      const statuses = parseStatuses(io, options.status);
      const limit = parseLimit(io, options.limit);
      const offset = parseCount(io, '--offset', options.offset, 0, true);
      await withSession(io, command, (session, global) => {
        const page = listCases(session.ctx, {
          filter: { statuses },
          sort: [],
          startRow: offset,
          endRow: offset + limit,
        });
        printPage(io, session, page, offset, global.json);
      });
    });

  group
    .command('search <text>')
    .description(h.caseSearch)
    .option('--limit <n>', h.limit)
    .action(async (text: string, options: { limit?: string }, command: Command) => {
      const limit = parseLimit(io, options.limit);
      await withSession(io, command, (session, global) => {
        const page = listCases(session.ctx, { filter: { text }, sort: [], startRow: 0, endRow: limit });
        printPage(io, session, page, 0, global.json);
      });
    });

  group
    .command('show <idOrCaseNo>')
    .description(h.caseShow)
    .action(async (idOrCaseNo: string, _options: unknown, command: Command) => {
      await withSession(io, command, (session, global) => {
        const id = resolveCaseId(session, idOrCaseNo);
        const detail = getCase(session.ctx, id);
        recordAccess(session.ctx, {
          action: 'case.opened',
          caseId: detail.record.id,
          detail: { via: 'cli' },
        });
        const history = getCaseHistory(session.ctx, id);
        if (global.json) return printJson(io, { ...detail, history });
        printDetail(io, session, detail, history);
      });
    });
}

/** A case number is looked up to its id; reading the case (and the permission check) stays in getCase. */
export function resolveCaseId(session: ArchiveSession, idOrCaseNo: string): string {
  const text = idOrCaseNo.trim();
  if (!parseCaseNumber(text)) return text;
  const row = session.db
    .select({ id: cases.id })
    .from(cases)
    .where(eq(cases.caseNo, text.toUpperCase()))
    .get();
  return row?.id ?? text;
}

function printPage(
  io: CliIo,
  session: ArchiveSession,
  page: CaseListPage,
  offset: number,
  json: boolean,
): void {
  if (json) return printJson(io, page);
  if (page.rows.length === 0) {
    io.out(io.text.case.none);
    return;
  }
  const c = io.text.case.columns;
  const statuses = uiCommonMessages[io.locale].statuses;
  const rows = page.rows.map((row) => [
    row.caseNo,
    statuses[row.status],
    localDate(row.receivedAt, session.clock.timeZone),
    row.dueDate +
      (row.isOverdue ? ` (${io.text.case.overdue})` : row.isDueSoon ? ` (${io.text.case.dueSoon})` : ''),
    row.complainantName,
    truncate(row.productName ?? '', 16),
    truncate(row.requestSummary, 40),
  ]);
  for (const line of formatTable(
    [c.caseNo, c.status, c.received, c.due, c.complainant, c.product, c.summary],
    rows,
  ))
    io.out(line);
  io.out(io.say(io.text.case.page, { total: page.total, from: offset + 1, to: offset + page.rows.length }));
}

function printDetail(
  io: CliIo,
  session: ArchiveSession,
  detail: ReturnType<typeof getCase>,
  history: ReturnType<typeof getCaseHistory>,
): void {
  const f = io.text.case.fields;
  const r = detail.record;
  const common = uiCommonMessages[io.locale];
  const zone = session.clock.timeZone;
  const at = (ms: number) => new Date(ms).toLocaleString(io.locale, { timeZone: zone, hour12: false });
  const fields: [string, string][] = [
    [f.caseNo, r.caseNo],
    [f.id, r.id],
    [f.status, common.statuses[r.status]],
    [f.priority, common.priorities[r.priority]],
    [f.branch, r.branchCode],
    [f.received, at(r.receivedAt)],
    [f.due, r.deadline.dueDate],
    [f.daysLeft, detail.deadlineInfo.daysLeft === null ? '—' : String(detail.deadlineInfo.daysLeft)],
    [
      f.classification,
      [r.classification.channelCode, r.classification.businessCode, r.classification.causeCode].join(' / '),
    ],
    [f.complainant, r.complainant.name],
    [f.idNumber, r.complainant.idNumber ?? '—'],
    [f.phone, r.complainant.phone ?? '—'],
    [f.product, r.productName ?? '—'],
    [f.amount, r.amountFen == null ? '—' : `¥${(r.amountFen / 100).toFixed(2)}`],
    [f.request, r.request],
    [f.facts, r.facts || '—'],
    [f.handler, detail.handlerName ?? '—'],
    [f.resolution, r.handling.resolutionType ?? '—'],
  ];
  for (const line of formatFields(fields)) io.out(line);
  io.out('');
  io.out(`${f.history}:`);
  for (const entry of history) io.out(`  ${at(entry.at)}  ${entry.type}  ${entry.actorName ?? ''}`.trimEnd());
}
