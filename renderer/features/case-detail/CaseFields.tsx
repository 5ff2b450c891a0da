import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/domain/case-detail';
import { useTaxonomy } from '../../app/taxonomy';
import { formatAmountFen, formatLocalDateTime } from '../../ui/format';

function Item({ label, children, isWide = false }: { label: string; children: ReactNode; isWide?: boolean }) {
  return (
    <div className={`item${isWide ? ' span-all' : ''}`}>
      <dt>{label}</dt>
      <dd>{children === null || children === undefined || children === '' ? '—' : children}</dd>
    </div>
  );
}

/** Every registered field, in the order of the paper form (登记表), for screen and print. */
export function CaseFields({ detail }: { detail: CaseDetail }) {
  const record = detail.record;
  const { t } = useTranslation('register');
  const { nameOf } = useTaxonomy();
  const c = record.complainant;
  const h = record.handling;
  const flags = [
    c.isElderly && t('fields.isElderly'),
    c.isDisabled && t('fields.isDisabled'),
    c.isGroup && t('fields.isGroup'),
  ]
    .filter(Boolean)
    .join('、');
  const risks = [
    record.risk.mediaExposure && t('fields.mediaExposure'),
    record.risk.regulatorTransferred && t('fields.regulatorTransferred'),
    record.risk.repeatComplaint && t('fields.repeatComplaint'),
  ]
    .filter(Boolean)
    .join('、');
  return (
    <>
      <section className="panel">
        <h2>{t('sections.complainant')}</h2>
        <dl className="fields">
          <Item label={t('fields.receivedAt')}>{formatLocalDateTime(record.receivedAt)}</Item>
          <Item label={t('casework:intake.label')}>
            {record.intakeMethod
              ? t(`casework:intakeMethods.${record.intakeMethod}`)
              : t('casework:intake.none')}
          </Item>
          <Item label={t('kind.label')}>{t(`kind.${c.kind}`)}</Item>
          <Item label={t('fields.name')}>{c.name}</Item>
          {c.kind === 'person' ? (
            <Item label={c.idType ? t(`idTypes.${c.idType}`) : t('fields.idNumber')}>{c.idNumber}</Item>
          ) : (
            <Item label={t('fields.creditCode')}>{c.creditCode}</Item>
          )}
          <Item label={t('fields.phone')}>{c.phone}</Item>
          <Item label={t('fields.address')}>{c.address}</Item>
          <Item label={t('fields.agentName')}>{[c.agentName, c.agentPhone].filter(Boolean).join(' ')}</Item>
          <Item label={t('detail:fields.branch')}>{record.branchCode}</Item>
          <Item label={t('detail:fields.registeredBy')}>
            {detail.registeredByName ?? t('sync:transfer.otherUser')}
          </Item>
          {flags ? <Item label="">{flags}</Item> : null}
        </dl>
      </section>
      <section className="panel">
        <h2>{t('sections.matter')}</h2>
        <dl className="fields">
          <Item label={t('fields.request')} isWide>
            {record.request}
          </Item>
          <Item label={t('fields.facts')} isWide>
            {record.facts}
          </Item>
          <Item label={t('fields.grounds')} isWide>
            {record.grounds}
          </Item>
          <Item label={t('fields.productName')}>{record.productName}</Item>
          <Item label={t('fields.accountNumber')}>{record.accountNumber}</Item>
          <Item label={t('fields.amount')}>{formatAmountFen(record.amountFen)}</Item>
          <Item label={t('fields.channel')}>{nameOf('A', record.classification.channelCode)}</Item>
          <Item label={t('fields.business')}>{nameOf('B', record.classification.businessCode)}</Item>
          <Item label={t('fields.cause')}>{nameOf('C', record.classification.causeCode)}</Item>
          <Item label={t('fields.priority')}>{t(`common:priorities.${record.priority}`)}</Item>
          <Item label={t('fields.riskFlags')}>{risks}</Item>
        </dl>
      </section>
      <section className="panel">
        <h2>{t('detail:sections.handling')}</h2>
        <dl className="fields">
          <Item label={t('detail:fields.handler')}>{detail.handlerName ?? h.handlerUserId ?? ''}</Item>
          <Item label={t('detail:fields.resolutionType')}>
            {h.resolutionType ? t(`detail:resolutionTypes.${h.resolutionType}`) : ''}
          </Item>
          <Item label={t('detail:fields.resolutionAmount')}>{formatAmountFen(h.resolutionAmountFen)}</Item>
          <Item label={t('detail:fields.informedDate')}>{h.informedDate}</Item>
          <Item label={t('detail:fields.satisfaction')}>
            {h.satisfaction ? t(`detail:satisfaction.${h.satisfaction}`) : ''}
          </Item>
          <Item label={t('detail:fields.followUpDate')}>{h.followUpDate}</Item>
          <Item label={t('detail:fields.decisionNotice')} isWide>
            {h.decisionNotice}
          </Item>
        </dl>
      </section>
    </>
  );
}
