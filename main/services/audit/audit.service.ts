import { auditMessages } from '../../../shared/i18n/audit';
import { authMessages } from '../../../shared/i18n/auth';
import type { Locale } from '../../../shared/i18n/define';
import { auditQuerySchema, type AuditQuery, type AuditRow } from '../../../shared/domain/audit';
import { can } from '../../../shared/domain/roles';
import { localInstant } from '../../../shared/domain/zoned-time';
import { AppError } from '../../../shared/errors';
import { parseInput } from '../access-guards';
import type { ServiceContext } from '../context';
import { getArchiveInfo } from '../../../db/repos/meta.repo';
import { flushAccessLog } from './access-log';

/**
 * The audit screen's rows: the access log (reads) and the archive-level history events (sign-ins,
 * user and settings changes, exports, backups, restores, letters), newest first. For admins and
 * supervisors only.
 */
export function requireAuditor(ctx: ServiceContext): void {
  if (!can(ctx.actor.role, 'user:manage') && !can(ctx.actor.role, 'case:approve'))
    throw new AppError('FORBIDDEN', `${ctx.actor.role} may not read the audit log`);
}

const AUDIT_SQL = `
  SELECT at, user_id AS userId, action, case_id AS caseId, installation_id AS installationId, detail
    FROM access_log
  UNION ALL
  SELECT at, actor_user_id, type, case_id, installation_id, payload
    FROM history_events
   WHERE case_id IS NULL OR type LIKE 'case.letter\\_%' ESCAPE '\\'`;

function whereOf(ctx: ServiceContext, query: ReturnType<typeof auditQuerySchema.parse>) {
  const zone = ctx.clock.timeZone;
  const conditions: [string, string | number | undefined][] = [
    ['a.userId = ?', query.userId],
    ['a.action = ?', query.action],
    ['c.case_no = ?', query.caseNo?.toUpperCase()],
    ['a.at >= ?', query.from === undefined ? undefined : localInstant(query.from, 0, zone)],
    ['a.at < ?', query.to === undefined ? undefined : localInstant(query.to, 0, zone) + 86_400_000],
  ];
  const used = conditions.filter((entry): entry is [string, string | number] => entry[1] !== undefined);
  return {
    sql: used.length ? `WHERE ${used.map(([clause]) => clause).join(' AND ')}` : '',
    params: used.map(([, value]) => value),
  };
}

export function listAudit(ctx: ServiceContext, input: AuditQuery): { rows: AuditRow[]; total: number } {
  requireAuditor(ctx);
  const query = parseInput(auditQuerySchema, input);
  flushAccessLog(ctx.db);
  const where = whereOf(ctx, query);
  const here = getArchiveInfo(ctx.db);
  const from = `FROM (${AUDIT_SQL}) a LEFT JOIN cases c ON c.id = a.caseId LEFT JOIN users u ON u.id = a.userId ${where.sql}`;
  const rows = ctx.db.$client
    .prepare(
      `SELECT a.at, a.userId, u.display_name AS userName, a.action, a.caseId, c.case_no AS caseNo,
              a.installationId, a.detail ${from} ORDER BY a.at DESC LIMIT ? OFFSET ?`,
    )
    .all(...where.params, query.limit, query.offset)
    .map((row) => withTerminal(withAttemptedName(row as AuditRow), here));
  const total = (ctx.db.$client.prepare(`SELECT count(*) AS n ${from}`).get(...where.params) as { n: number })
    .n;
  return { rows, total };
}

/** Which PC: this one by its branch and terminal code, another by the random tail of its id. */
function withTerminal(
  row: AuditRow,
  here: { installationId: string; branchCode: string; terminalCode: string },
): AuditRow {
  const terminal =
    row.installationId === here.installationId
      ? `${here.branchCode}-${here.terminalCode}`
      : `…${row.installationId.slice(-8)}`;
  return { ...row, terminal };
}

/** A failed sign-in under a name that is no user's: the name that was tried is who. */
function withAttemptedName(row: AuditRow): AuditRow {
  if (row.action !== 'auth.sign_in_failed' || row.userName !== null) return row;
  try {
    const { username } = JSON.parse(row.detail) as { username?: unknown };
    return typeof username === 'string' ? { ...row, userName: username } : row;
  } catch {
    return row;
  }
}

/** Every row the filter matches, in pages, for the export. */
export function* auditPages(ctx: ServiceContext, input: AuditQuery): Generator<AuditRow[]> {
  for (let offset = 0; ; offset += 500) {
    const { rows } = listAudit(ctx, { ...input, limit: 500, offset });
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < 500) return;
  }
}

/** What happened, in words: the access actions and exports here, the archive events in auth's. */
export function actionLabel(action: string, locale: Locale): string {
  const own = auditMessages[locale].actions as Record<string, string>;
  const events = authMessages[locale].events as Record<string, string>;
  return own[action] ?? events[action] ?? action;
}
