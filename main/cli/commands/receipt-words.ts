import { syncMessages } from '../../../shared/i18n/sync';
import type { ReceiptCheck } from '../../services/sync/transport/receipts';
import type { CliIo } from '../io';

/** One line for a receipt check that failed (null when it holds or there is no receipt yet). */
export function receiptProblemLine(io: CliIo, check: ReceiptCheck): string | null {
  const t = syncMessages[io.locale].cli;
  switch (check.status) {
    case 'none':
    case 'ok':
      return null;
    case 'mismatch':
      return io.say(t.receiptMismatch, { seq: check.seq });
    case 'missing':
      return io.say(t.receiptMissing, { seq: check.seq });
    case 'bad-signature':
      return io.say(t.receiptBadSignature, { seq: check.seq });
  }
}

/** The line `verify` prints for a receipt that holds (null when there is none yet). */
export function receiptOkLine(io: CliIo, check: ReceiptCheck): string | null {
  return check.status === 'ok' ? io.say(syncMessages[io.locale].cli.receiptOk, { seq: check.seq }) : null;
}
