import { createDocument } from 'zod-openapi';
import { accessLogPaths } from '#shared/access-log/http/openapi.ts';
import { customerServicePaths } from '#shared/customer-service/http/openapi.ts';
import { MAX_BODY_BYTES } from '#shared/http/request.ts';
import { fullScope, resourceServer, type ScopeName } from '#shared/manifest/platform.ts';
import { moderationPaths } from '#shared/moderation/http/openapi.ts';
import { notificationPaths } from '#shared/notifications/http/openapi.ts';
import { platformPaths } from '#shared/platform/http/openapi.ts';
import { privacyPaths } from '#shared/privacy/http/openapi.ts';
import { securityPaths } from '#shared/security/http/openapi.ts';
import { surveyPaths } from '#shared/surveys/http/openapi.ts';
import { transparencyPaths } from '#shared/transparency/http/openapi.ts';

/** The OpenAPI 3.1 document of the whole API, generated from the same zod schemas that validate requests. */
export const buildOpenApiDocument = (serverUrl?: string) =>
  createDocument({
    openapi: '3.1.0',
    info: {
      title: 'User-protection platform API',
      version: '1.0.0',
      description:
        'Complaints with a 24-hour first-response commitment, worked by customer service under an SLA policy ' +
        '(first response, next response, resolution per priority; clocks paused while waiting on the user). ' +
        'Errors are RFC 9457 problem details. ' +
        `Bodies are JSON of at most ${MAX_BODY_BYTES} bytes.`,
    },
    ...(serverUrl && { servers: [{ url: serverUrl }] }),
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A Cognito access token (locally: `npm run token -- --sub <id> --role <role>`)',
        },
        integration: {
          type: 'oauth2',
          description:
            'Trusted integrations (social media, email, phone) use the client-credentials grant at the Cognito domain ' +
            'of the stack (output TokenEndpoint); locally: `npm run token -- --client <social|email|phone>`.',
          flows: {
            clientCredentials: {
              tokenUrl: '/oauth2/token',
              scopes: Object.fromEntries(
                Object.entries(resourceServer.scopes).map(([scope, description]) => [fullScope(scope as ScopeName), description]),
              ),
            },
          },
        },
      },
    },
    security: [{ bearer: [] }],
    paths: {
      ...customerServicePaths,
      ...surveyPaths,
      ...moderationPaths,
      ...accessLogPaths,
      ...notificationPaths,
      ...securityPaths,
      ...transparencyPaths,
      ...privacyPaths,
      ...platformPaths,
    },
  });
