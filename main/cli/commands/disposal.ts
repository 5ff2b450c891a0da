import type { Command } from 'commander';
import type { DisposalBatchView } from '../../../shared/domain/disposal';
import { labelMessages } from '../../../shared/i18n/labels';
import { retentionCliMessages } from '../../../shared/i18n/retention-cli';
import { guardOutputPath } from '../../services/files/output-guard';
import { printDisposalCertificate } from '../../services/retention/disposal-certificate';
import {
  approveDisposal,
  listDisposable,
  listDisposalBatches,
  proposeDisposal,
  refuseDisposal,
} from '../../services/retention/disposal.service';
import { UsageError } from '../errors';
import type { CliIo } from '../io';
import { formatTable, printJson } from '../output';
import { withSession } from '../session';
import { resolveCaseId } from './case';

/** `redress disposal …`: the disposal list, two-person batches and the certificate. */
export function register(program: Command, io: CliIo): void {
  const m = retentionCliMessages[io.locale];
  const labels = labelMessages[io.locale];
  const group = program.command('disposal').description(m.help.disposal);

  group
    .command('list')
    .description(m.help.list)
    .option('--limit <n>', m.help.limit, '200')
    .action(async (o: { limit: string }, command: Command) => {
      const limit = Number(o.limit);
      if (!Number.isSafeInteger(limit) || limit < 1)
        throw new UsageError(io.say(m.badYears, { value: o.limit }));
      await withSession(io, command, (session, global) => {
        const list = listDisposable(session.ctx, { limit });
        if (global.json) return printJson(io, list);
        if (list.total === 0) return io.out(m.none);
        io.out(io.say(m.total, { total: list.total, today: list.today }));
        const rows = list.items.map((c) => [
          c.caseNo,
          c.businessCode,
          labels.retentionClasses[c.retentionClass],
          c.closedDate ?? '',
          c.retainUntil ?? '',
          c.isHeld ? m.heldMark : c.batchId ? m.inBatchMark : '',
        ]);
        for (const line of formatTable(['', '', '', '', '', ''], rows)) io.out(line);
      });
    });

  group
    .command('propose <cases...>')
    .description(m.help.propose)
    .option('--pipl', m.help.pipl)
    .option('--reason <text>', m.help.reason)
    .action(async (caseRefs: string[], o: { pipl?: boolean; reason?: string }, command: Command) => {
      await withSession(io, command, (session, global) => {
        const batch = proposeDisposal(session.ctx, {
          kind: o.pipl ? 'pipl' : 'retention',
          caseIds: caseRefs.map((ref) => resolveCaseId(session, ref)),
          reason: o.reason ?? '',
        });
        printBatch(io, global.json, batch, m.proposed);
      });
    });

  for (const verb of ['approve', 'refuse'] as const) {
    group
      .command(`${verb} <batchId>`)
      .description(m.help[verb])
      .option('--note <text>', m.help.note)
      .action(async (batchId: string, o: { note?: string }, command: Command) => {
        await withSession(io, command, (session, global) => {
          const input = { batchId, note: o.note ?? '' };
          const batch =
            verb === 'approve' ? approveDisposal(session.ctx, input) : refuseDisposal(session.ctx, input);
          printBatch(io, global.json, batch, verb === 'approve' ? m.approved : m.refused);
        });
      });
  }

  group
    .command('batches')
    .description(m.help.batches)
    .action(async (_o: unknown, command: Command) => {
      await withSession(io, command, (session, global) => {
        const batches = listDisposalBatches(session.ctx);
        if (global.json) return printJson(io, batches);
        if (batches.length === 0) return io.out(m.noBatches);
        const rows = batches.map((b) => [
          b.id,
          labels.disposalKinds[b.kind],
          labels.disposalStatuses[b.status],
          String(b.items.length),
          b.proposedByName,
          b.decidedByName ?? '',
        ]);
        for (const line of formatTable(['', '', '', '', '', ''], rows)) io.out(line);
      });
    });

  group
    .command('certificate <batchId>')
    .description(m.help.certificate)
    .requiredOption('--out <file>', m.help.out)
    .action(async (batchId: string, o: { out: string }, command: Command) => {
      await withSession(io, command, async (session, global) => {
        const file = guardOutputPath(o.out, [global.archive]);
        const result = await printDisposalCertificate(session.ctx, {
          batchId,
          locale: global.lang,
          filePath: file,
        });
        if (global.json) printJson(io, { file, ...result });
        else io.out(io.say(m.certificateWritten, { file, sha256: result.sha256 }));
      });
    });
}

function printBatch(io: CliIo, json: boolean, batch: DisposalBatchView, message: string): void {
  if (json) return printJson(io, batch);
  io.out(io.say(message, { id: batch.id, count: batch.items.length }));
}
