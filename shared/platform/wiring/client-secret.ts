import { CognitoIdentityProviderClient, DescribeUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';

/** The synthetic monitor's client secret, read from Cognito by its pool and client ids. */
export const readClientSecret = async (userPoolId: string, clientId: string): Promise<string> => {
  const client = new CognitoIdentityProviderClient({});
  const { UserPoolClient } = await client.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }));
  if (!UserPoolClient?.ClientSecret) throw new Error('The synthetic monitor client has no secret');
  return UserPoolClient.ClientSecret;
};
