import type { Command } from 'commander';
import type { HandoverView } from '../../../shared/domain/handover';
import { handoverMessages } from '../../../shared/i18n/handover';
import { guardOutputPath } from '../../services/files/output-guard';
import { printHandoverCertificate } from '../../services/handover/handover-certificate';
import {
  acceptHandover,
  listHandovers,
  proposeHandover,
  refuseHandover,
  shortId,
} from '../../services/handover/handover.service';
import { certificateTime } from '../../services/reports/certificate-frame';
import type { CliIo } from '../io';
import { formatTable, printJson } from '../output';
import { withSession, withSigningSession } from '../session';

/**
 * `redress handover …`: the archive changes custodian. The password this command signs in with
 * is the signer's signature: `propose` as the outgoing custodian, `accept`/`refuse` as the recipient.
 */
export function register(program: Command, io: CliIo): void {
  const t = handoverMessages[io.locale];
  const m = t.cli;
  const group = program.command('handover').description(m.help.group);
  const person = (p: HandoverView['from']) => `${p.displayName} (${p.username})`;

  group
    .command('propose')
    .description(m.help.propose)
    .requiredOption('--to <user>', m.help.to)
    .option('--note <text>', m.help.note)
    .action(async (o: { to: string; note?: string }, command: Command) => {
      await withSigningSession(io, command, async (session, global, password) => {
        const handover = await proposeHandover(session.ctx, { to: o.to, note: o.note ?? '', password });
        if (global.json) return printJson(io, handover);
        io.out(
          io.say(m.proposed, {
            id: shortId(handover.id),
            from: person(handover.from),
            to: person(handover.to),
            total: handover.proposal.totalCases,
          }),
        );
      });
    });

  for (const verb of ['accept', 'refuse'] as const) {
    group
      .command(`${verb} <id>`)
      .description(m.help[verb])
      .option('--note <text>', m.help.note)
      .action(async (id: string, o: { note?: string }, command: Command) => {
        await withSigningSession(io, command, async (session, global, password) => {
          const input = { handoverId: id, note: o.note ?? '', password };
          const handover =
            verb === 'accept'
              ? await acceptHandover(session.ctx, input)
              : await refuseHandover(session.ctx, input);
          if (global.json) return printJson(io, handover);
          io.out(
            io.say(verb === 'accept' ? m.accepted : m.refused, {
              id: shortId(handover.id),
              to: person(handover.to),
            }),
          );
        });
      });
  }

  group
    .command('list')
    .description(m.help.list)
    .action(async (_o: unknown, command: Command) => {
      await withSession(io, command, (session, global) => {
        const list = listHandovers(session.ctx);
        if (global.json) return printJson(io, list);
        if (list.items.length === 0) return io.out(m.none);
        const zone = session.clock.timeZone;
        const rows = list.items.map((h) => [
          shortId(h.id),
          t.statuses[h.status],
          person(h.from),
          person(h.to),
          certificateTime(h.proposedAt, zone),
          certificateTime(h.decidedAt, zone),
          String((h.accepted ?? h.proposal).totalCases),
        ]);
        for (const line of formatTable(['', '', '', '', '', '', ''], rows)) io.out(line);
      });
    });

  group
    .command('certificate <id>')
    .description(m.help.certificate)
    .requiredOption('--out <file>', m.help.out)
    .action(async (id: string, o: { out: string }, command: Command) => {
      await withSession(io, command, async (session, global) => {
        const file = guardOutputPath(o.out, [global.archive]);
        const result = await printHandoverCertificate(session.ctx, {
          handoverId: id,
          locale: global.lang,
          filePath: file,
        });
        if (global.json) printJson(io, { file, ...result });
        else io.out(io.say(m.certificateWritten, { file, sha256: result.sha256 }));
      });
    });
}
