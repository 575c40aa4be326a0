import type { TemplateSet } from '#shared/notifications/templates/layout.ts';

/** Security education: a campaign has started; the lesson itself is read in the app, in the person's language. */
export const securityTemplates: TemplateSet<'security-education-campaign'> = {
  'security-education-campaign': {
    en: {
      subject: 'A new security lesson is available',
      body: [
        'Our security team has published a new lesson for you.',
        {
          facts: [
            ['Available until', '{{time endsAt}}'],
            ['Reference', '{{reference}}'],
          ],
        },
        'Read it in the app: it takes a few minutes and helps keep your account and the platform safe. Nobody from our team will ever ask you for your password.',
      ],
    },
    'zh-CN': {
      subject: '新的安全学习内容已发布',
      body: [
        '我们的安全团队发布了新的学习内容。',
        {
          facts: [
            ['开放至', '{{time endsAt}}'],
            ['编号', '{{reference}}'],
          ],
        },
        '请在应用中阅读。只需几分钟，有助于保护您的账户和平台安全。我们的工作人员绝不会向您索要密码。',
      ],
    },
  },
};
