import type { Block, TemplateSet } from '#shared/notifications/templates/layout.ts';

/**
 * Trust and safety: the notices the Digital Services Act requires. Each states what the law
 * requires of it (Art. 16(4) receipt, 16(5) decision with redress, 17 statement of reasons,
 * 20 appeals, 23 misuse) and names the article, so the person knows what they received.
 */

const law = { en: 'the Digital Services Act (Regulation (EU) 2022/2065)', zh: '《数字服务法》（欧盟第2022/2065号条例）' };

const outOfCourt = {
  en: 'Refer the dispute to a certified out-of-court dispute settlement body (Article 21 of the Digital Services Act).',
  zh: '将争议提交经认证的庭外争议解决机构（《数字服务法》第21条）。',
};
const court = {
  en: 'Take legal action before the competent court under the applicable law.',
  zh: '依照适用法律向有管辖权的法院提起诉讼。',
};

/**
 * The redress open against a decision on content or an account: the internal appeal as the
 * `redress` parameter says (with its deadline, `appealUntil`, when there is one), and always the
 * out-of-court settlement and the courts.
 */
const redress = (locale: 'en' | 'zh'): Block[] =>
  locale === 'en'
    ? [
        { heading: 'How you can challenge this decision' },
        '{{term "redress" redress}}',
        { when: 'appealUntil', blocks: [{ facts: [['Appeal to us until', '{{time appealUntil}}']] }] },
        'In any case, you can:',
        { list: [outOfCourt.en, court.en] },
        'Using one of these options does not take away your right to go to court.',
      ]
    : [
        { heading: '如何对本决定提出异议' },
        '{{term "redress" redress}}',
        { when: 'appealUntil', blocks: [{ facts: [['申诉截止时间', '{{time appealUntil}}']] }] },
        '无论如何，您均可以：',
        { list: [outOfCourt.zh, court.zh] },
        '选择上述任一途径，均不影响您向法院提起诉讼的权利。',
      ];

export const trustAndSafetyTemplates: TemplateSet<
  | 'notice-received'
  | 'notice-decided'
  | 'statement-of-reasons'
  | 'appeal-received'
  | 'appeal-decided'
  | 'misuse-warning'
  | 'misuse-suspension'
> = {
  'notice-received': {
    en: {
      subject: 'We have received your notice',
      body: [
        'Thank you for your notice. We confirm that we have received it and registered it under the reference below.',
        { facts: [['Reference', '{{reference}}']] },
        'We will review the reported content in a timely, diligent, non-arbitrary and objective manner. Once we have decided, we will inform you of our decision and of how you can challenge it.',
        `This confirmation is sent under Article 16(4) of ${law.en}.`,
      ],
    },
    'zh-CN': {
      subject: '我们已收到您的举报',
      body: [
        '感谢您的举报。我们确认已收到，并已按以下编号进行了登记。',
        { facts: [['举报编号', '{{reference}}']] },
        '我们将及时、审慎、客观且非任意地审查被举报的内容。作出决定后，我们会将决定以及您可以提出异议的途径告知您。',
        `本确认函依据${law.zh}第16条第4款发送。`,
      ],
    },
  },
  'notice-decided': {
    en: {
      subject: 'Our decision on your notice',
      body: [
        'We have reviewed the content you reported in your notice {{reference}}.',
        '{{term "noticeOutcome" outcome}}',
        ...redress('en'),
        `This notification is sent under Article 16(5) of ${law.en}.`,
      ],
    },
    'zh-CN': {
      subject: '关于您的举报的决定',
      body: [
        '我们已审查您在举报（编号：{{reference}}）中所举报的内容。',
        '{{term "noticeOutcome" outcome}}',
        ...redress('zh'),
        `本通知依据${law.zh}第16条第5款发送。`,
      ],
    },
  },
  'statement-of-reasons': {
    en: {
      subject: 'Statement of reasons: we have restricted your content or account',
      body: [
        'We have taken a decision that restricts your content or your account. This statement explains the decision, the reasons for it and how you can challenge it.',
        { heading: 'The decision' },
        {
          facts: [
            ['Reference', '{{reference}}'],
            ['Measure', '{{term "restriction" restriction}}'],
          ],
        },
        { when: 'endsAt', blocks: [{ facts: [['The measure applies until', '{{time endsAt}}']] }] },
        { heading: 'Facts and circumstances relied on' },
        '{{facts}}',
        { heading: 'Ground for the decision' },
        {
          facts: [
            ['Type of ground', '{{term "groundType" groundType}}'],
            ['Provision relied on, and why it applies', '{{ground}}'],
          ],
        },
        { heading: 'Use of automated means' },
        {
          facts: [
            ['Automated detection', '{{term "automatedDetection" automatedDetection}}'],
            ['Automated decision-making', '{{term "automatedDecision" automatedDecision}}'],
          ],
        },
        ...redress('en'),
        `This statement of reasons is provided under Article 17 of ${law.en}. A version without any personal data is submitted to the European Commission's DSA Transparency Database.`,
      ],
    },
    'zh-CN': {
      subject: '决定理由说明：我们已限制您的内容或账户',
      body: [
        '我们已作出一项限制您的内容或账户的决定。本说明介绍该决定及其理由，以及您可以如何提出异议。',
        { heading: '决定' },
        {
          facts: [
            ['编号', '{{reference}}'],
            ['措施', '{{term "restriction" restriction}}'],
          ],
        },
        { when: 'endsAt', blocks: [{ facts: [['措施有效期至', '{{time endsAt}}']] }] },
        { heading: '所依据的事实和情况' },
        '{{facts}}',
        { heading: '决定依据' },
        {
          facts: [
            ['依据类型', '{{term "groundType" groundType}}'],
            ['所依据的条款及其适用理由', '{{ground}}'],
          ],
        },
        { heading: '自动化手段的使用' },
        {
          facts: [
            ['自动化检测', '{{term "automatedDetection" automatedDetection}}'],
            ['自动化决策', '{{term "automatedDecision" automatedDecision}}'],
          ],
        },
        ...redress('zh'),
        `本决定理由说明依据${law.zh}第17条提供。不含任何个人数据的版本将提交至欧盟委员会的《数字服务法》透明度数据库。`,
      ],
    },
  },
  'appeal-received': {
    en: {
      subject: 'We have received your appeal',
      body: [
        'Thank you. We have received your appeal and registered it under the reference below.',
        { facts: [['Reference', '{{reference}}']] },
        'Someone who was not involved in the original decision will review your appeal in a timely, diligent, non-arbitrary and objective manner. We will inform you of our reasoned decision and of the further options for redress open to you.',
        `Your appeal is handled through our internal complaint-handling system under Article 20 of ${law.en}.`,
      ],
    },
    'zh-CN': {
      subject: '我们已收到您的申诉',
      body: [
        '感谢您的来信。我们已收到您的申诉，并已按以下编号进行了登记。',
        { facts: [['申诉编号', '{{reference}}']] },
        '未参与原决定的工作人员将及时、审慎、客观且非任意地审查您的申诉。我们会将附有理由的决定以及您可采取的其他救济途径告知您。',
        `您的申诉将依据${law.zh}第20条，通过我们的内部投诉处理系统处理。`,
      ],
    },
  },
  'appeal-decided': {
    en: {
      subject: 'Our decision on your appeal',
      body: [
        'We have decided on your appeal {{reference}}.',
        '{{term "appealOutcome" outcome}}',
        'You can read the reasons for our decision in your inbox.',
        { heading: 'If you still disagree' },
        { list: [outOfCourt.en, court.en] },
        `This decision is communicated under Article 20(5) of ${law.en}.`,
      ],
    },
    'zh-CN': {
      subject: '关于您的申诉的决定',
      body: [
        '我们已就您的申诉（编号：{{reference}}）作出决定。',
        '{{term "appealOutcome" outcome}}',
        '您可以在收件箱中查看我们作出该决定的理由。',
        { heading: '如果您仍不同意' },
        { list: [outOfCourt.zh, court.zh] },
        `本决定依据${law.zh}第20条第5款告知。`,
      ],
    },
  },
  'misuse-warning': {
    en: {
      subject: 'A warning about the notices you submit',
      body: [
        'We have found that you have frequently submitted notices that are manifestly unfounded: it was evident, without detailed analysis, that the content you reported was neither illegal nor incompatible with our terms of service.',
        { facts: [['Reference', '{{reference}}']] },
        'Please report only content that you believe, in good faith, to be illegal or incompatible with our terms of service. If you continue to submit manifestly unfounded notices, we may suspend the processing of your notices for a reasonable period.',
        `This warning is given under Article 23(2) of ${law.en}. If you think it is mistaken, you can tell us by filing a complaint with our customer service in the app.`,
      ],
    },
    'zh-CN': {
      subject: '关于您所提交举报的警告',
      body: [
        '我们发现，您频繁提交明显缺乏依据的举报：无需详细分析即可看出，您所举报的内容既不违法，也未违反我们的服务条款。',
        { facts: [['编号', '{{reference}}']] },
        '请仅举报您出于善意认为违法或违反我们服务条款的内容。如果您继续提交明显缺乏依据的举报，我们可能会在合理期限内暂停处理您的举报。',
        `本警告依据${law.zh}第23条第2款发出。如果您认为本警告有误，可以在应用中向我们的客服提交投诉。`,
      ],
    },
  },
  'misuse-suspension': {
    en: {
      subject: 'We have suspended the processing of your notices',
      body: [
        'Despite an earlier warning, you have continued to submit manifestly unfounded notices frequently. We have therefore suspended the processing of the notices you submit for a limited period.',
        {
          facts: [
            ['Reference', '{{reference}}'],
            ['Suspended until', '{{time until}}'],
          ],
        },
        'Until then, we will not process notices you submit; after that, you can submit notices again as usual. This suspension concerns only the processing of your notices.',
        `This measure is taken under Article 23(2) of ${law.en}. If you think it is mistaken, you can tell us by filing a complaint with our customer service in the app, or take legal action before the competent court.`,
      ],
    },
    'zh-CN': {
      subject: '我们已暂停处理您的举报',
      body: [
        '尽管我们此前已发出警告，您仍频繁提交明显缺乏依据的举报。因此，我们已在一定期限内暂停处理您提交的举报。',
        {
          facts: [
            ['编号', '{{reference}}'],
            ['暂停至', '{{time until}}'],
          ],
        },
        '在此之前，我们不会处理您提交的举报；此后，您可以照常提交举报。此次暂停仅涉及对您举报的处理。',
        `本措施依据${law.zh}第23条第2款采取。如果您认为该措施有误，可以在应用中向我们的客服提交投诉，也可以向有管辖权的法院提起诉讼。`,
      ],
    },
  },
};
