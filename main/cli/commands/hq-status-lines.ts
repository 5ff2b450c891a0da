import { DEFAULT_TIME_ZONE } from '../../../shared/domain/deadlines';
import { plural } from '../../../shared/i18n/define';
import { hqHeldTransferMessages } from '../../../shared/i18n/hq-held-transfers';
import { hqWithheldMessages } from '../../../shared/i18n/hq-withheld';
import { hqTerminalMessages } from '../../../shared/i18n/hq-terminals';
import { syncMessages } from '../../../shared/i18n/sync';
import type { Holder, HqStatus } from '../../../shared/sync/protocol';
import type { CliIo } from '../io';
import { cliTime, formatTable } from '../output';

/**
 * `redress hq status` for people: installations, projection lag, counts, withheld files and held
 * transfers per branch.
 */
export function hqStatusLines(io: CliIo, status: HqStatus): string[] {
  const t = syncMessages[io.locale].cli;
  const lines = installationLines(io, status);
  if (status.projection.pendingEvents > 0)
    lines.push(io.say(t.projectionBehind, { events: status.projection.pendingEvents }));
  for (const b of status.casesByBranch)
    lines.push(
      io.say(plural(t, 'casesByBranch', b.cases, io.locale), { branch: b.branchCode, count: b.cases }),
    );
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
  return [
    ...lines,
    ...withheldLines(io, status),
    ...heldTransferLines(io, status),
    ...waitingCodeLines(io, status),
    ...terminalClashLines(io, status),
  ];
}

function installationLines(io: CliIo, status: HqStatus): string[] {
  const s = syncMessages[io.locale].status;
  if (status.installations.length === 0) return [syncMessages[io.locale].cli.noInstallations];
  const unknown = hqTerminalMessages[io.locale].unknownTerminal;
  const rows = status.installations.map((i) => [
    i.branchCode,
    i.terminalCode ?? unknown,
    i.hostname,
    i.installationId,
    cliTime(i.lastSyncAt, s.never, DEFAULT_TIME_ZONE),
    String(i.chainHead.seq),
    String(i.lag),
    cliTime(i.revokedAt, '—', DEFAULT_TIME_ZONE),
  ]);
  const terminal = hqTerminalMessages[io.locale].terminal;
  return formatTable(
    [s.branch, terminal, s.hostname, s.installation, s.lastSync, s.chainHead, s.lag, s.revoked],
    rows,
  );
}

/** The PCs HQ waits for, on one line: host (installation, last sync). */
function holdersText(io: CliIo, holders: readonly Holder[], none: string): string {
  const w = hqWithheldMessages[io.locale];
  const never = syncMessages[io.locale].status.never;
  const texts = holders.map((h) =>
    io.say(w.holder, {
      host: h.hostname,
      installation: h.installationId,
      last: cliTime(h.lastSyncAt, never, DEFAULT_TIME_ZONE),
    }),
  );
  return texts.join(w.separator) || none;
}

/** A PC that never syncs again keeps a disposal's files at HQ: say which, and how to let them go. */
function withheldLines(io: CliIo, status: HqStatus): string[] {
  if (status.withheldFiles.length === 0) return [];
  const w = hqWithheldMessages[io.locale];
  const lines = status.withheldFiles.map((branch) =>
    io.say(plural(w, 'cliLine', branch.cases, io.locale), {
      branch: branch.branchCode,
      files: branch.files,
      count: branch.cases,
      holders: holdersText(io, branch.holdingBack, w.noHolder),
    }),
  );
  return [...lines, w.revokeHint];
}

/** A PC that never syncs again keeps its branch's transfers from their receivers: say which, and how to release them. */
function heldTransferLines(io: CliIo, status: HqStatus): string[] {
  if (status.heldTransfers.length === 0) return [];
  const m = hqHeldTransferMessages[io.locale];
  const lines = status.heldTransfers.map((branch) => {
    const transfers = branch.transfers.map((t) =>
      io.say(m.transfer, {
        case: t.caseNo ?? t.caseId,
        to: t.toBranch,
        at: cliTime(t.at, '', DEFAULT_TIME_ZONE),
      }),
    );
    return io.say(m.cliLine, {
      branch: branch.branchCode,
      count: branch.transfers.length,
      transfers: transfers.join(hqWithheldMessages[io.locale].separator),
      holders: holdersText(io, branch.holdingBack, m.noHolder),
    });
  });
  return [...lines, m.revokeHint];
}

/** The branches whose code has not been used yet: which of the forty are not online. */
function waitingCodeLines(io: CliIo, status: HqStatus): string[] {
  const m = hqTerminalMessages[io.locale];
  return status.waitingCodes.map((code) =>
    io.say(m.waitingCliLine, {
      branch: code.branchCode,
      kind: code.restore ? m.kindRestore : m.kindNormal,
      issued: cliTime(code.createdAt, '', DEFAULT_TIME_ZONE),
      expires: cliTime(code.expiresAt, '', DEFAULT_TIME_ZONE),
    }),
  );
}

/** Active PCs of a branch sharing a terminal code: their branch's sync is stuck until it is dealt with. */
function terminalClashLines(io: CliIo, status: HqStatus): string[] {
  if (status.terminalClashes.length === 0) return [];
  const m = hqTerminalMessages[io.locale];
  const lines = status.terminalClashes.map((clash) =>
    io.say(m.clashCliLine, {
      branch: clash.branchCode,
      count: clash.installations.length,
      terminal: clash.terminalCode,
      holders: holdersText(io, clash.installations, ''),
    }),
  );
  return [...lines, m.clashHint];
}
