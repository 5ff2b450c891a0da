import type { borrowingChannels } from '../../../shared/ipc/channels/borrowing';
import { decideBorrow, listBorrowRequests, requestBorrow } from '../../services/borrowing/borrowing.service';
import type { HandlersFor } from '../handler-types';

export const borrowingHandlers: HandlersFor<keyof typeof borrowingChannels> = {
  'borrowing:request': (input, { ctx }) => requestBorrow(ctx, input),
  'borrowing:decide': (input, { ctx }) => decideBorrow(ctx, input),
  'borrowing:list': (filter, { ctx }) => listBorrowRequests(ctx, filter),
};
