import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { DEFAULT_TIME_ZONE } from '../../../shared/domain/deadlines';
import { syncMessages } from '../../../shared/i18n/sync';
import { branchCodeSchema, enrollmentCodeSchema } from '../../../shared/sync/protocol';
import { issueMessage } from '../../../shared/ipc/validation';
import { publishReferenceSchema, type PublishReference } from '../../../shared/sync/reference-data';
import { hqAdminClient } from '../../services/sync/transport/hq-client';
import { CommandFailure, UsageError } from '../errors';
import type { CliIo } from '../io';
import { cliTime, printJson } from '../output';
import { globalOptions } from '../session';
import { MAX_BUNDLE_MB, readTextFile } from '../text-files';
import { writeFileAtomically } from '../../services/sync/transport/bundle-files';
import { guardOutputPath, isSameFile } from '../../services/files/output-guard';
import { registerHqUsers } from './hq-users';
import { isFingerprint, isHqUrl, needsFingerprint } from '../../../shared/sync/hq-address';
import { isSyncError } from '../../../shared/sync/sync-error';
import { hqStatusLines } from './hq-status-lines';

/** `redress hq …`: the HQ administrator's commands, over HTTPS to a running HQ (`npm run hq`). */
interface HqOptions {
  hq: string;
  fingerprint?: string;
}

/** The HQ user's name and password (REDRESS_HQ_USER / REDRESS_HQ_PASSWORD, or a prompt) and a client. */
async function signInFor(io: CliIo, options: HqOptions) {
  const t = syncMessages[io.locale].cli;
  if (!isHqUrl(options.hq)) throw new UsageError(io.say(t.badHqUrl, { url: options.hq }));
  const fingerprint = options.fingerprint ?? (io.env.REDRESS_HQ_FINGERPRINT || null);
  if (fingerprint !== null && !isFingerprint(fingerprint))
    throw new UsageError(io.say(t.badFingerprint, { fingerprint }));
  // Before a password is asked for: without it the call could only fail, worded as an impostor.
  if (fingerprint === null && needsFingerprint(options.hq))
    throw new UsageError(io.say(t.needFingerprint, { url: options.hq }));
  const username = io.env.REDRESS_HQ_USER || 'hqadmin';
  let password = io.env.REDRESS_HQ_PASSWORD ?? '';
  if (!password) {
    if (!io.isInteractive) throw new UsageError(t.needHqPassword);
    password = await io.promptHidden(io.say(t.promptHqPassword, { username }));
  }
  return {
    username,
    password,
    client: hqAdminClient({ url: options.hq, fingerprint }, { username, password }),
  };
}

async function adminFor(io: CliIo, options: HqOptions) {
  return (await signInFor(io, options)).client;
}

/** The publication file, checked here so a mistake is one line before anything is sent. */
function readPublication(io: CliIo, file: string, branch: string | undefined): PublishReference {
  const t = syncMessages[io.locale].cli;
  const bad = (problem: string) => new CommandFailure(io.say(t.badReferenceFile, { file, problem }));
  const text = readTextFile(io, path.resolve(file));
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw bad(error instanceof Error ? error.message : String(error));
  }
  const body = Array.isArray(raw) ? { items: raw } : raw;
  const withBranch = branch === undefined ? body : { ...(body as object), branchCode: branch };
  const parsed = publishReferenceSchema.safeParse(withBranch);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw bad(`${issue.path.join('.') || '/'}: ${issueMessage(issue, withBranch, io.locale)}`);
}

export function register(program: Command, io: CliIo): void {
  const t = syncMessages[io.locale].cli;
  const hq = program.command('hq').description(t.hq);
  const withHq = (command: Command) =>
    command.requiredOption('--hq <url>', t.hqUrl).option('--fingerprint <fp>', t.hqFingerprint);

  withHq(hq.command('enroll').description(t.hqEnroll))
    .requiredOption('--branch <code>', t.hqBranch)
    .option('--restore', t.hqRestore)
    .action(async (options: HqOptions & { branch: string; restore?: boolean }, command: Command) => {
      const branch = branchCodeSchema.safeParse(options.branch);
      if (!branch.success) throw new UsageError(io.say(t.badBranch, { name: options.branch }));
      const issued = await (
        await adminFor(io, options)
      ).createEnrollmentCode(branch.data, Boolean(options.restore));
      if (globalOptions(command, io).json) printJson(io, issued);
      else
        io.out(
          io.say(t.codeIssued, {
            code: issued.code,
            fingerprint: issued.fingerprint,
            expiresAt: cliTime(issued.expiresAt, '', DEFAULT_TIME_ZONE),
          }),
        );
    });

  withHq(hq.command('status').description(t.hqStatus)).action(
    async (options: HqOptions, command: Command) => {
      const status = await (await adminFor(io, options)).status();
      if (globalOptions(command, io).json) return printJson(io, status);
      for (const line of hqStatusLines(io, status)) io.out(line);
    },
  );

  withHq(hq.command('import-bundle <file>').description(t.hqImportBundle))
    .requiredOption('--reply <out>', t.hqReply)
    .action(async (file: string, options: HqOptions & { reply: string }, command: Command) => {
      // The reply's place is checked before the bundle goes to HQ: a reply that cannot be written
      // must not leave the bundle imported behind a failure.
      const bundle = path.resolve(file);
      const out = guardOutputPath(options.reply);
      if (isSameFile(out, bundle)) throw new UsageError(io.say(t.replyIsBundle, { file: out }));
      const text = readTextFile(io, bundle, MAX_BUNDLE_MB);
      const result = await (await adminFor(io, options)).importBundle(text);
      writeFileAtomically(out, result.reply);
      const { reply, ...summary } = result;
      void reply;
      if (globalOptions(command, io).json) return printJson(io, { ...summary, reply: out });
      io.out(
        io.say(result.alreadyImported ? t.bundleAlreadyImported : t.bundleImported, {
          accepted: summary.accepted,
          duplicates: summary.duplicates,
          file: out,
        }),
      );
    });

  withHq(hq.command('publish-reference <file>').description(t.hqPublish))
    .option('--branch <code>', t.hqPublishBranch)
    .action(async (file: string, options: HqOptions & { branch?: string }, command: Command) => {
      const publication = readPublication(io, file, options.branch);
      const result = await (await adminFor(io, options)).publishReference(publication);
      if (globalOptions(command, io).json) return printJson(io, result);
      const scope = result.branchCode ?? t.allBranches;
      io.out(io.say(t.published, { versions: result.versions.join(', '), scope }));
    });

  withHq(hq.command('revoke').description(t.hqRevoke))
    .requiredOption('--installation <id>', t.hqInstallation)
    .action(async (options: HqOptions & { installation: string }, command: Command) => {
      const id = options.installation.trim().toLowerCase();
      if (!z.uuid().safeParse(id).success)
        throw new UsageError(io.say(t.badInstallation, { id: options.installation }));
      const client = await adminFor(io, options);
      const result = await client.revoke(id).catch((error: unknown) => {
        if (isSyncError(error) && error.code === 'NOT_FOUND')
          throw new CommandFailure(io.say(t.unknownInstallation, { id }));
        throw error;
      });
      if (globalOptions(command, io).json) printJson(io, result);
      else io.out(io.say(t.revoked, { installation: result.installationId }));
    });

  withHq(hq.command('cancel-code').description(t.hqCancelCode))
    .requiredOption('--code <code>', t.hqCode)
    .action(async (options: HqOptions & { code: string }, command: Command) => {
      const code = enrollmentCodeSchema.safeParse(options.code.trim().toUpperCase());
      if (!code.success) throw new UsageError(io.say(t.badCode, { code: options.code }));
      const result = await (await adminFor(io, options)).cancelEnrollmentCode(code.data);
      if (globalOptions(command, io).json) printJson(io, result);
      else io.out(io.say(t.codeCancelled, { branch: result.branchCode }));
    });

  registerHqUsers<HqOptions>(hq, io, {
    withHq,
    adminFor: (options) => adminFor(io, options),
    signInFor: (options) => signInFor(io, options),
  });
}
