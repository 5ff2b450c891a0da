import { DEFAULT_TIME_ZONE } from '../../../shared/domain/deadlines';
import { hqWithheldMessages } from '../../../shared/i18n/hq-withheld';
import { syncMessages } from '../../../shared/i18n/sync';
import type { HqStatus } from '../../../shared/sync/protocol';
import type { CliIo } from '../io';
import { cliTime, formatTable } from '../output';

/** `redress hq status` for people: installations, projection lag, counts and withheld files per branch. */
export function hqStatusLines(io: CliIo, status: HqStatus): string[] {
  const t = syncMessages[io.locale].cli;
  const lines = installationLines(io, status);
  if (status.projection.pendingEvents > 0)
    lines.push(io.say(t.projectionBehind, { events: status.projection.pendingEvents }));
  for (const b of status.casesByBranch)
    lines.push(io.say(t.casesByBranch, { branch: b.branchCode, cases: b.cases }));
  for (const w of status.caseWorkByBranch)
    lines.push(
      io.say(t.caseWorkByBranch, {
        branch: w.branchCode,
        ...w.rectifications,
        referrals: w.referrals.total,
        referralsOverdue: w.referrals.overdue,
        contacts: w.contacts,
      }),
    );
  return [...lines, ...withheldLines(io, status)];
}

function installationLines(io: CliIo, status: HqStatus): string[] {
  const s = syncMessages[io.locale].status;
  if (status.installations.length === 0) return [syncMessages[io.locale].cli.noInstallations];
  const rows = status.installations.map((i) => [
    i.branchCode,
    i.hostname,
    i.installationId,
    cliTime(i.lastSyncAt, s.never, DEFAULT_TIME_ZONE),
    String(i.chainHead.seq),
    String(i.lag),
    cliTime(i.revokedAt, '—', DEFAULT_TIME_ZONE),
  ]);
  return formatTable([s.branch, s.hostname, s.installation, s.lastSync, s.chainHead, s.lag, s.revoked], rows);
}

/** A PC that never syncs again keeps a disposal's files at HQ: say which, and how to let them go. */
function withheldLines(io: CliIo, status: HqStatus): string[] {
  if (status.withheldFiles.length === 0) return [];
  const w = hqWithheldMessages[io.locale];
  const never = syncMessages[io.locale].status.never;
  const lines = status.withheldFiles.map((branch) => {
    const holders = branch.holdingBack.map((h) =>
      io.say(w.holder, {
        host: h.hostname,
        installation: h.installationId,
        last: cliTime(h.lastSyncAt, never, DEFAULT_TIME_ZONE),
      }),
    );
    return io.say(w.cliLine, {
      branch: branch.branchCode,
      files: branch.files,
      cases: branch.cases,
      holders: holders.join(w.separator) || w.noHolder,
    });
  });
  return [...lines, w.revokeHint];
}
