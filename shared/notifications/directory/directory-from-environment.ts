import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { ConfigError, readStage, readVar } from '#shared/config.ts';
import { notificationsEnv } from '#shared/notifications/config.ts';
import { createCognitoDirectory } from '#shared/notifications/directory/cognito-directory.ts';
import { createLocalDirectory } from '#shared/notifications/directory/local-directory.ts';
import type { UserDirectory } from '#shared/notifications/use-cases/ports.ts';

/**
 * The user directory the environment names: the local stack's file when LOCAL_USER_DIRECTORY_FILE
 * is set (the local stage only, as for the local key files), else the Cognito pools.
 */
export const directoryFromEnvironment = (env: NodeJS.ProcessEnv = process.env): UserDirectory => {
  const localFile = env[notificationsEnv.localUserDirectoryFile];
  if (localFile) {
    if (readStage(env) !== 'local') {
      throw new ConfigError(`${notificationsEnv.localUserDirectoryFile} is for the local stack only; a deployed stage reads Cognito`);
    }
    return createLocalDirectory(localFile);
  }
  return createCognitoDirectory({
    client: new CognitoIdentityProviderClient({}),
    peoplePoolId: readVar(env, notificationsEnv.peoplePoolId),
    staffPoolId: readVar(env, notificationsEnv.staffPoolId),
  });
};
