import { describe, expect, it } from 'vitest';
import { registerCase } from '../../../main/services/cases';
import { listContacts, logContact } from '../../../main/services/cases/contacts.service';
import {
  addRectificationAction,
  listRectificationActions,
  moveRectificationAction,
} from '../../../main/services/cases/rectification.service';
import { restoreFromHq, syncNow } from '../../../main/services/sync/transport/sync-run';
import type { ArchiveFixture } from '../../helpers/archive-fixture';
import { registration } from '../../helpers/case-inputs';
import { useHqWithPcs } from '../../helpers/hq-enrolled-pcs';
import { localDate } from '../../../shared/domain/deadlines';

/**
 * Case work through a real head office (PostgreSQL, HTTPS): a second PC of the branch that syncs,
 * and a PC restored from HQ in bulk, both list the contacts and rectification actions made on the
 * first, with the same rows.
 */
const setup = useHqWithPcs('case-work-hq');
const { enrolledPc } = setup;

function workRows(pc: ArchiveFixture, caseId: string): unknown[][] {
  return ['case_contacts', 'rectification_actions', 'case_referrals'].map((table) =>
    pc.db.$client.prepare(`SELECT * FROM ${table} WHERE case_id = ? ORDER BY id`).all(caseId),
  );
}

describe('case work through head office', () => {
  it('reaches another PC of the branch and a PC restored from HQ', async () => {
    const pc1 = await enrolledPc('pc1', false);
    const pc2 = await enrolledPc('pc2', false);
    const sup = pc1.ctx('supervisor');
    const { id } = registerCase(pc1.ctx('clerk'), registration());
    logContact(sup, id, {
      contactDate: localDate(pc1.clock.now(), pc1.clock.timeZone),
      method: 'visit',
      contactedBy: '李四',
      summary: '上门说明处理结果',
      outcome: 'accepted',
    });
    const action = addRectificationAction(sup, id, {
      what: '修订年费告知话术',
      department: '信用卡部',
      owner: '王五',
      dueDate: '2027-06-30',
    });
    moveRectificationAction(sup, action.id, 1, { to: 'in_progress' });
    await syncNow(pc1.db, Date.now());

    await syncNow(pc2.db, Date.now());
    expect(listContacts(pc2.ctx('supervisor'), id)).toEqual(listContacts(sup, id));
    expect(listRectificationActions(pc2.ctx('supervisor'), id)).toMatchObject([{ status: 'in_progress' }]);
    expect(workRows(pc2, id)).toEqual(workRows(pc1, id));

    const restored = await enrolledPc('restored', true);
    await restoreFromHq(restored.db, Date.now());
    expect(workRows(restored, id)[0]).toHaveLength(1);
    expect(workRows(restored, id)).toEqual(workRows(pc1, id));
  });
});
