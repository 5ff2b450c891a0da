import path from 'node:path';
import type { Command } from 'commander';
import { allowedValues } from '../../../shared/i18n/allowed-values';
import { LETTER_KINDS, type LetterKind } from '../../../shared/domain/letters';
import { recordsCliMessages } from '../../../shared/i18n/records-cli';
import { printLetterPdf } from '../../services/letters/letters.service';
import { UsageError } from '../errors';
import type { CliIo } from '../io';
import { printJson } from '../output';
import { withSession } from '../session';
import { resolveCaseId } from './case';

export function register(program: Command, io: CliIo): void {
  const text = recordsCliMessages[io.locale];
  program
    .command('letter <idOrCaseNo>')
    .description(text.help.letter)
    .requiredOption('--kind <kind>', text.help.kind)
    .requiredOption('--out <file>', text.help.out)
    .option('--reason <text>', text.help.reason)
    .action(
      async (
        idOrCaseNo: string,
        options: { kind: string; out: string; reason?: string },
        command: Command,
      ) => {
        const kind = LETTER_KINDS.find((k) => k === options.kind) as LetterKind | undefined;
        if (!kind) {
          const allowed = allowedValues(LETTER_KINDS, io.locale);
          throw new UsageError(io.say(text.badKind, { name: options.kind, allowed }));
        }
        await withSession(io, command, async (session, global) => {
          const file = path.resolve(options.out);
          const result = await printLetterPdf(session.ctx, {
            caseId: resolveCaseId(session, idOrCaseNo),
            kind,
            locale: global.lang,
            reason: options.reason ?? '',
            filePath: file,
          });
          if (global.json) printJson(io, { file, ...result });
          else io.out(io.say(text.letterWritten, { file, sha256: result.sha256 }));
        });
      },
    );
}
