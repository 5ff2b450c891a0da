import { taxonomyCodes } from '../../../db/schema';
import { addAttachment } from '../../../main/services/cases/attachments.service';
import { registerCase, transitionCase } from '../../../main/services/cases';
import type { ArchiveFixture } from '../../helpers/archive-fixture';
import { registration } from '../../helpers/case-inputs';

/** Cases closed on a chosen day, for the retention and disposal tests (a real archive, real services). */

/** 2020-03-10 10:00 in Asia/Shanghai. */
export const CLOSED_AT = Date.UTC(2020, 2, 10, 2, 0, 0);
export const CLOSED_DATE = '2020-03-10';

/** Adds 个人金融信息 › 征信 (B06 › B0603) to the fixture's small taxonomy. */
export function addCreditReportingCodes(fx: ArchiveFixture): void {
  const rows = [
    { code: 'B06', parentCode: null, level: 1, nameZh: '个人金融信息' },
    { code: 'B0603', parentCode: 'B06', level: 2, nameZh: '征信' },
  ];
  for (const [index, row] of rows.entries()) {
    fx.db
      .insert(taxonomyCodes)
      .values({ scheme: 'B', ...row, nameEn: row.code, sortOrder: 100 + index, retiredAt: null })
      .run();
  }
}

export interface ClosedCaseOptions {
  businessCode?: string;
  name?: string;
  phone?: string;
  facts?: string;
  request?: string;
  attachment?: Buffer;
  /** Decided with a refund and closed after follow-up, instead of refused. */
  isResolved?: boolean;
}

/** Registers a case at CLOSED_AT and closes it the same day; returns its id. */
export function closedCase(fx: ArchiveFixture, options: ClosedCaseOptions = {}): string {
  fx.clock.set(CLOSED_AT - 3_600_000);
  const sup = fx.ctx('supervisor');
  const input = registration({
    receivedAt: CLOSED_AT - 7_200_000,
    facts: options.facts ?? '客户称从未开通该卡的收费服务。',
    request: options.request ?? '要求退还年费并道歉',
    complainant: { name: options.name ?? '张三', phone: options.phone ?? '13812345678' },
    classification: { businessCode: options.businessCode ?? 'B03' },
  });
  const registered = registerCase(fx.ctx('clerk'), input);
  if (options.attachment) {
    addAttachment(fx.ctx('clerk'), registered.id, {
      fileName: '银行流水-张三.pdf',
      mimeType: 'application/pdf',
      data: options.attachment,
    });
  }
  fx.clock.set(CLOSED_AT);
  if (!options.isResolved) {
    const rejected = transitionCase(sup, registered.id, 1, { action: 'reject', reason: '不属于受理范围' });
    transitionCase(sup, registered.id, rejected.record.version, { action: 'archive' });
    return registered.id;
  }
  resolve(fx, registered.id);
  return registered.id;
}

function resolve(fx: ArchiveFixture, caseId: string): void {
  const sup = fx.ctx('supervisor');
  const handler = fx.ctx('handler');
  let v = transitionCase(sup, caseId, 1, { action: 'accept' }).record.version;
  v = transitionCase(sup, caseId, v, { action: 'assign', handlerUserId: 'user-handler-BJ01' }).record.version;
  v = transitionCase(handler, caseId, v, {
    action: 'start_investigation',
    conflictDeclaration: '本人与该案无利害关系',
  }).record.version;
  v = transitionCase(handler, caseId, v, {
    action: 'propose_resolution',
    resolutionType: 'refund',
    resolutionAmountFen: 60_000,
    decisionNotice: '经核查年费扣收未经客户同意，予以退还；如有异议可申请核查、调解、仲裁或诉讼。',
  }).record.version;
  v = transitionCase(handler, caseId, v, { action: 'inform_customer', informedDate: CLOSED_DATE }).record
    .version;
  v = transitionCase(handler, caseId, v, {
    action: 'record_follow_up',
    satisfaction: 'satisfied',
    followUpDate: CLOSED_DATE,
    notes: '客户张三表示满意',
  }).record.version;
  transitionCase(sup, caseId, v, { action: 'close' });
}
