import type { Locale } from '../i18n/define';
import type { LetterKind } from './letters';

/**
 * The letters a branch starts with; an admin edits them per branch. The remedies in the decision
 * letter follow the financial consumer protection rules: the customer may ask for a review (核查),
 * mediation, arbitration or go to court.
 */
type Default = { title: string; body: string };

const zh: Record<LetterKind, Default> = {
  acknowledgement: {
    title: '投诉受理告知书',
    body: `尊敬的{{customerName}}：

您于{{receivedDate}}提出的投诉（编号 {{caseNo}}）已收到并受理。您的诉求：{{request}}

我们将依法依规进行调查处理，并于{{dueDate}}前将处理意见告知您。如有疑问，请联系经办人{{handlerName}}。

{{branchName}}
{{today}}`,
  },
  refusal: {
    title: '投诉不予受理告知书',
    body: `尊敬的{{customerName}}：

您于{{receivedDate}}提出的投诉（编号 {{caseNo}}），经审查不予受理，理由如下：

{{reason}}

如您对此有异议，可在收到本告知书后向我行提出核查申请，也可向调解组织申请调解、依法申请仲裁或向人民法院提起诉讼。

{{branchName}}
{{today}}`,
  },
  extension: {
    title: '投诉处理延期告知书',
    body: `尊敬的{{customerName}}：

您于{{receivedDate}}提出的投诉（编号 {{caseNo}}），因{{reason}}，需延长处理期限。我们将于{{dueDate}}前将处理意见告知您。

感谢您的理解。

{{branchName}}
{{today}}`,
  },
  decision: {
    title: '投诉处理意见告知书（答复函）',
    body: `尊敬的{{customerName}}：

您于{{receivedDate}}提出的投诉（编号 {{caseNo}}），诉求为：{{request}}

经调查核实，处理意见如下：

{{decisionNotice}}

如您对上述处理意见有异议，可自收到本告知书之日起向我行申请核查；也可向依法设立的调解组织申请调解，依法申请仲裁，或向人民法院提起诉讼。

{{branchName}}
{{today}}`,
  },
  follow_up: {
    title: '投诉回访记录',
    body: `投诉编号：{{caseNo}}
客户：{{customerName}}
受理日期：{{receivedDate}}

处理意见：{{decisionNotice}}

回访情况：{{reason}}

回访人：{{handlerName}}
日期：{{today}}`,
  },
};

const en: Record<LetterKind, Default> = {
  acknowledgement: {
    title: 'Acknowledgement of your complaint',
    body: `Dear {{customerName}},

We received your complaint of {{receivedDate}} (reference {{caseNo}}) and have accepted it. Your request: {{request}}

We will investigate it and tell you our decision by {{dueDate}}. For questions, please contact {{handlerName}}.

{{branchName}}
{{today}}`,
  },
  refusal: {
    title: 'Notice: complaint not accepted',
    body: `Dear {{customerName}},

Your complaint of {{receivedDate}} (reference {{caseNo}}) cannot be accepted, for this reason:

{{reason}}

If you disagree, you may ask us to review this decision, apply for mediation, apply for arbitration, or bring the matter before a court.

{{branchName}}
{{today}}`,
  },
  extension: {
    title: 'Notice: handling period extended',
    body: `Dear {{customerName}},

Handling your complaint of {{receivedDate}} (reference {{caseNo}}) needs more time because {{reason}}. We will tell you our decision by {{dueDate}}.

Thank you for your patience.

{{branchName}}
{{today}}`,
  },
  decision: {
    title: 'Our decision on your complaint',
    body: `Dear {{customerName}},

Your complaint of {{receivedDate}} (reference {{caseNo}}) asked: {{request}}

Having investigated it, our decision is:

{{decisionNotice}}

If you disagree, you may ask us to review this decision from the day you receive this letter; you may also apply for mediation to a lawful mediation body, apply for arbitration, or bring the matter before a court.

{{branchName}}
{{today}}`,
  },
  follow_up: {
    title: 'Follow-up record',
    body: `Complaint: {{caseNo}}
Customer: {{customerName}}
Received: {{receivedDate}}

Decision: {{decisionNotice}}

Follow-up: {{reason}}

By: {{handlerName}}
Date: {{today}}`,
  },
};

export const DEFAULT_LETTERS: Record<Locale, Record<LetterKind, Default>> = { 'zh-CN': zh, en };
