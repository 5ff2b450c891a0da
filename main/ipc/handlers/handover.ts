import type { handoverChannels } from '../../../shared/ipc/channels/handover';
import { guardOutputPath } from '../../services/files/output-guard';
import { printHandoverCertificate } from '../../services/handover/handover-certificate';
import {
  acceptHandover,
  listHandovers,
  proposeHandover,
  refuseHandover,
} from '../../services/handover/handover.service';
import type { HandlersFor } from '../handler-types';

/** Signatures share the app's sign-in throttle: a password typed here is guessed no faster. */
export const handoverHandlers: HandlersFor<keyof typeof handoverChannels> = {
  'handover:list': (_input, { ctx }) => listHandovers(ctx),
  'handover:propose': (input, { app, ctx }) => proposeHandover(ctx, input, { throttle: app.throttle }),
  'handover:accept': (input, { app, ctx }) => acceptHandover(ctx, input, { throttle: app.throttle }),
  'handover:refuse': (input, { app, ctx }) => refuseHandover(ctx, input, { throttle: app.throttle }),
  'handover:certificate': async ({ target, handoverId, locale }, { app, ctx }) => {
    const destination = app.files.download(target);
    const filePath = guardOutputPath(destination.path, [app.archivePath]);
    const { sha256 } = await printHandoverCertificate(ctx, { handoverId, locale, filePath });
    return { fileName: destination.name, sha256 };
  },
};
