import type { Command } from 'commander';
import { allowedValues } from '../../../shared/i18n/allowed-values';
import { DOCUMENT_KINDS, type DocumentKind, type RetentionYears } from '../../../shared/domain/retention';
import { labelMessages } from '../../../shared/i18n/labels';
import { retentionCliMessages } from '../../../shared/i18n/retention-cli';
import { getCaseRowById } from '../../../db/repos/cases/cases.repo';
import { liftLegalHold, placeLegalHold, setDocumentKind } from '../../services/retention/legal-hold.service';
import { getRetentionYears, setRetentionYears } from '../../services/retention/retention-settings.service';
import { UsageError } from '../errors';
import type { CliIo } from '../io';
import { printJson } from '../output';
import { withSession } from '../session';
import { resolveCaseId } from './case';

/** `redress retention …`: periods, legal holds, document kinds (the disposal commands are in disposal.ts). */
export function register(program: Command, io: CliIo): void {
  const m = retentionCliMessages[io.locale];
  const group = program.command('retention').description(m.help.retention);

  group
    .command('show')
    .description(m.help.show)
    .action(async (_o: unknown, command: Command) => {
      await withSession(io, command, (session, global) =>
        printYears(io, global.json, getRetentionYears(session.ctx)),
      );
    });

  group
    .command('set')
    .description(m.help.set)
    .option('--complaint <years>', m.help.complaint)
    .option('--credit-reporting <years>', m.help.creditReporting)
    .action(async (o: { complaint?: string; creditReporting?: string }, command: Command) => {
      const patch: Partial<RetentionYears> = {};
      if (o.complaint !== undefined) patch.complaint = wholeYears(io, o.complaint);
      if (o.creditReporting !== undefined) patch.credit_reporting = wholeYears(io, o.creditReporting);
      if (Object.keys(patch).length === 0) throw new UsageError(m.nothingToSet);
      await withSession(io, command, (session, global) =>
        printYears(io, global.json, setRetentionYears(session.ctx, patch)),
      );
    });

  for (const verb of ['hold', 'lift'] as const) {
    group
      .command(`${verb} <case>`)
      .description(m.help[verb])
      .requiredOption('--reason <text>', m.help.reason)
      .action(async (caseRef: string, o: { reason: string }, command: Command) => {
        await withSession(io, command, (session, global) => {
          const caseId = resolveCaseId(session, caseRef);
          const input = { caseId, reason: o.reason };
          const hold =
            verb === 'hold' ? placeLegalHold(session.ctx, input) : liftLegalHold(session.ctx, input);
          if (global.json) return printJson(io, hold);
          const caseNo = getCaseRowById(session.db, caseId)?.caseNo ?? caseRef;
          io.out(io.say(verb === 'hold' ? m.held : m.lifted, { caseNo }));
        });
      });
  }

  group
    .command('document <attachmentId> <kind>')
    .description(m.help.document)
    .action(async (attachmentId: string, kindText: string, _o: unknown, command: Command) => {
      const kind = DOCUMENT_KINDS.find((k) => k === kindText.trim()) as DocumentKind | undefined;
      if (!kind) {
        const allowed = allowedValues(DOCUMENT_KINDS, io.locale);
        throw new UsageError(io.say(m.badKind, { name: kindText, allowed }));
      }
      await withSession(io, command, (session, global) => {
        const row = setDocumentKind(session.ctx, { attachmentId, kind });
        if (global.json) return printJson(io, row);
        io.out(
          io.say(m.documentSet, { id: attachmentId, kind: labelMessages[io.locale].documentKinds[kind] }),
        );
      });
    });
}

function wholeYears(io: CliIo, text: string): number {
  const value = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) {
    throw new UsageError(io.say(retentionCliMessages[io.locale].badYears, { value: text }));
  }
  return value;
}

function printYears(io: CliIo, json: boolean, years: RetentionYears): void {
  if (json) return printJson(io, years);
  io.out(
    io.say(retentionCliMessages[io.locale].years, {
      complaint: years.complaint,
      credit: years.credit_reporting,
    }),
  );
}
