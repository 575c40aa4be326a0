import type { TemplateSet } from '#shared/notifications/templates/layout.ts';

/** The privacy policy: a new version is published and takes effect on its day; it is read in the app or on the public page. */
export const transparencyTemplates: TemplateSet<'privacy-policy-update'> = {
  'privacy-policy-update': {
    en: {
      subject: 'Our privacy policy is changing',
      body: [
        'We have published a new version of our privacy policy. It explains what personal data we process, why, and for how long.',
        {
          facts: [
            ['Version', '{{reference}}'],
            ['Takes effect', '{{time effectiveAt}}'],
          ],
        },
        'Until then the current version applies. You can read the new version, and what changed, in the app or on our privacy policy page.',
      ],
    },
    'zh-CN': {
      subject: '我们的隐私政策即将更新',
      body: [
        '我们发布了新版隐私政策，说明我们处理哪些个人数据、处理目的以及保存期限。',
        {
          facts: [
            ['版本', '{{reference}}'],
            ['生效时间', '{{time effectiveAt}}'],
          ],
        },
        '在此之前，现行版本继续适用。您可以在应用中或隐私政策页面阅读新版本及其变更内容。',
      ],
    },
  },
};
