import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { EmailSender } from '#shared/notifications/use-cases/ports.ts';

/**
 * Email through Amazon SES v2: simple content (subject, text and HTML in UTF-8, extra headers such
 * as List-Unsubscribe), sent with the configuration set whose event destination brings back
 * deliveries, bounces and complaints. The SDK reads its endpoint from the environment, so locally
 * the same code talks to the SES emulator.
 */
export const createSesSender = (options: {
  fromAddress: string;
  configurationSet?: string;
  client?: Pick<SESv2Client, 'send'>;
}): EmailSender => {
  const client = options.client ?? new SESv2Client({});
  return {
    async send(email) {
      const result = await client.send(
        new SendEmailCommand({
          FromEmailAddress: options.fromAddress,
          Destination: { ToAddresses: [email.to] },
          Content: {
            Simple: {
              Subject: { Data: email.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
              ...(email.headers.length > 0 && { Headers: email.headers.map(({ name, value }) => ({ Name: name, Value: value })) }),
            },
          },
          ...(options.configurationSet && { ConfigurationSetName: options.configurationSet }),
          EmailTags: Object.entries(email.tags).map(([Name, Value]) => ({ Name, Value })),
        }),
      );
      if (!result.MessageId) throw new Error('SES returned no message id');
      return { messageId: result.MessageId };
    },
  };
};
