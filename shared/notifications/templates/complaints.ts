import type { TemplateSet } from '#shared/notifications/templates/layout.ts';

/**
 * Customer service: the person's complaint from receipt to closure, and the supervisors' notice of
 * an escalation. Replies themselves are never copied into a message: the person reads them in
 * their inbox, so no text a person wrote leaves the platform by email.
 */
export const complaintTemplates: TemplateSet<
  | 'complaint-received'
  | 'complaint-replied'
  | 'complaint-awaiting-you'
  | 'complaint-resolved'
  | 'complaint-closed'
  | 'complaint-escalated'
> = {
  'complaint-received': {
    en: {
      subject: 'We have received your complaint',
      body: [
        'Thank you for contacting us. We have received your complaint and registered it under the reference below. Please quote this reference whenever you contact us about it.',
        {
          facts: [
            ['Reference', '{{reference}}'],
            ['First response due by', '{{time firstResponseDueAt}}'],
          ],
        },
        'A member of our customer service team will reply to you by then at the latest. You can follow your complaint, read our replies and add information in your inbox.',
      ],
    },
    'zh-CN': {
      subject: '我们已收到您的投诉',
      body: [
        '感谢您与我们联系。我们已收到您的投诉，并按以下编号进行了登记。就此投诉与我们联系时，请提供该编号。',
        {
          facts: [
            ['投诉编号', '{{reference}}'],
            ['首次回复截止时间', '{{time firstResponseDueAt}}'],
          ],
        },
        '我们的客服人员最迟将在上述时间之前回复您。您可以在收件箱中跟进投诉进展、查看我们的回复并补充信息。',
      ],
    },
  },
  'complaint-replied': {
    en: {
      subject: 'There is a new reply to your complaint',
      body: [
        'Our customer service team has replied to your complaint {{reference}}.',
        'To protect your privacy, the reply is not included in this email. Please read it in your inbox, where you can also answer it.',
      ],
    },
    'zh-CN': {
      subject: '您的投诉有新的回复',
      body: [
        '我们的客服团队已回复您的投诉（编号：{{reference}}）。',
        '为保护您的隐私，回复内容不包含在此邮件中。请在收件箱中查看回复，您也可以在那里直接作答。',
      ],
    },
  },
  'complaint-awaiting-you': {
    en: {
      subject: 'We need information from you to continue with your complaint',
      body: [
        'To continue working on your complaint {{reference}}, our customer service team needs more information from you.',
        'Please read our question in your inbox and answer it there. While we wait for your answer, the response times we promised you are paused; they resume as soon as you reply.',
      ],
    },
    'zh-CN': {
      subject: '继续处理您的投诉需要您提供信息',
      body: [
        '为继续处理您的投诉（编号：{{reference}}），我们的客服团队需要您提供更多信息。',
        '请在收件箱中查看我们的问题并在那里作答。在等待您答复期间，我们承诺的回复时限暂停计算；您答复后即恢复计算。',
      ],
    },
  },
  'complaint-resolved': {
    en: {
      subject: 'Your complaint has been resolved',
      body: [
        'We have resolved your complaint {{reference}}. You can read how we resolved it in your inbox.',
        {
          facts: [
            ['Reference', '{{reference}}'],
            ['You can reopen it until', '{{time reopenUntil}}'],
          ],
        },
        'If the problem has not been solved for you, you can reopen the complaint from your inbox until then. After that, the complaint will be closed.',
      ],
    },
    'zh-CN': {
      subject: '您的投诉已处理完毕',
      body: [
        '我们已处理完毕您的投诉（编号：{{reference}}）。您可以在收件箱中查看处理结果。',
        {
          facts: [
            ['投诉编号', '{{reference}}'],
            ['可重新打开的截止时间', '{{time reopenUntil}}'],
          ],
        },
        '如果问题仍未解决，您可以在截止时间之前通过收件箱重新打开此投诉。逾期后，此投诉将被关闭。',
      ],
    },
  },
  'complaint-closed': {
    en: {
      subject: 'Your complaint has been closed',
      body: [
        'Your complaint {{reference}} is now closed. Its history remains available in your inbox.',
        'If you have a new problem, or the same problem occurs again, please file a new complaint in the app.',
      ],
    },
    'zh-CN': {
      subject: '您的投诉已关闭',
      body: [
        '您的投诉（编号：{{reference}}）现已关闭。您仍可在收件箱中查看其处理记录。',
        '如果您遇到新的问题，或同一问题再次出现，请在应用中提交新的投诉。',
      ],
    },
  },
  'complaint-escalated': {
    en: {
      subject: 'A complaint has been escalated after a missed service target',
      body: [
        'A complaint has missed a service-level target and its priority has been raised. Please make sure it is assigned and being handled.',
        {
          facts: [
            ['Complaint', '{{reference}}'],
            ['New priority', '{{term "priority" priority}}'],
            ['Missed targets', '{{terms "slaTarget" targets}}'],
          ],
        },
        'This notice contains no details of the complaint. Open it from your inbox to see them.',
      ],
    },
    'zh-CN': {
      subject: '一项投诉因未达到服务时限已被升级',
      body: [
        '一项投诉未达到服务水平目标，其优先级已被提升。请确认该投诉已分配并正在处理。',
        {
          facts: [
            ['投诉编号', '{{reference}}'],
            ['新的优先级', '{{term "priority" priority}}'],
            ['未达到的目标', '{{terms "slaTarget" targets}}'],
          ],
        },
        '此通知不包含投诉的具体内容。请在收件箱中打开该投诉查看详情。',
      ],
    },
  },
};
