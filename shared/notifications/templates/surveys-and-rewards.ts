import type { TemplateSet } from '#shared/notifications/templates/layout.ts';

/** Rewards for reports that led to action, and invitations to (and reminders of) satisfaction surveys. */
export const surveyAndRewardTemplates: TemplateSet<'reward-granted' | 'reward-cancelled' | 'survey-invitation' | 'survey-reminder'> = {
  'reward-granted': {
    en: {
      subject: 'You have received reward points',
      body: [
        'Thank you for helping to keep our platform safe. Your report led to action against content that broke the law or our terms of service, and we have credited reward points to your account.',
        {
          facts: [
            ['Reference', '{{reference}}'],
            ['Points credited', '{{points}}'],
          ],
        },
        'You can see your rewards in your inbox.',
      ],
    },
    'zh-CN': {
      subject: '您已获得奖励积分',
      body: [
        '感谢您帮助维护平台安全。您的举报促使我们对违反法律或服务条款的内容采取了措施，我们已向您的账户发放奖励积分。',
        {
          facts: [
            ['编号', '{{reference}}'],
            ['发放积分', '{{points}}'],
          ],
        },
        '您可以在收件箱中查看您的奖励。',
      ],
    },
  },
  'reward-cancelled': {
    en: {
      subject: 'Reward points for one of your reports have been cancelled',
      body: [
        'The decision that your report led to has been reversed after a review of an appeal. The reward points for that report have therefore been cancelled.',
        {
          facts: [
            ['Reference', '{{reference}}'],
            ['Points cancelled', '{{points}}'],
          ],
        },
        'This does not affect the rewards for your other reports. Thank you for continuing to report content you believe breaks the law or our terms of service.',
      ],
    },
    'zh-CN': {
      subject: '您一项举报的奖励积分已被取消',
      body: [
        '您的举报所促成的决定已在申诉复核后被撤销，因此该举报的奖励积分已被取消。',
        {
          facts: [
            ['编号', '{{reference}}'],
            ['取消积分', '{{points}}'],
          ],
        },
        '这不影响您其他举报的奖励。感谢您继续举报您认为违反法律或我们服务条款的内容。',
      ],
    },
  },
  'survey-invitation': {
    en: {
      subject: 'How did we do? Tell us in a short survey',
      body: [
        'We would like to hear about your experience with our service. Our survey takes only a few minutes, and your answers help us improve. Taking part is voluntary.',
        {
          facts: [
            ['Survey reference', '{{reference}}'],
            ['Open until', '{{time closesAt}}'],
          ],
        },
        'You can answer the survey from your inbox until it closes.',
      ],
    },
    'zh-CN': {
      subject: '我们做得怎么样？邀请您参与简短的问卷调查',
      body: [
        '我们希望了解您使用我们服务的体验。问卷只需几分钟即可完成，您的回答将帮助我们改进服务。是否参与完全自愿。',
        {
          facts: [
            ['问卷编号', '{{reference}}'],
            ['截止时间', '{{time closesAt}}'],
          ],
        },
        '在问卷截止之前，您可以通过收件箱作答。',
      ],
    },
  },
  'survey-reminder': {
    en: {
      subject: 'Reminder: our survey closes soon',
      body: [
        'We recently invited you to a short survey about your experience with our service. If you have not answered yet, there is still time until {{time closesAt}}.',
        { facts: [['Survey reference', '{{reference}}']] },
        'You can answer the survey from your inbox. If you have already answered, thank you: please ignore this reminder.',
      ],
    },
    'zh-CN': {
      subject: '提醒：问卷调查即将截止',
      body: [
        '我们不久前邀请您参与一项关于服务体验的简短问卷调查。如果您尚未作答，在 {{time closesAt}} 之前仍可参与。',
        { facts: [['问卷编号', '{{reference}}']] },
        '您可以通过收件箱作答。如果您已经作答，谢谢您，请忽略此提醒。',
      ],
    },
  },
};
