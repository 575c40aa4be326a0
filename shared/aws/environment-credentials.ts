/**
 * What the functions' bundles load in place of the AWS SDK's default credential chain
 * (`@aws-sdk/credential-provider-node`; the alias is in infra/bundling.ts). Lambda hands a
 * function its role's credentials in the environment, the first link of that chain, which is where
 * the chain stops there. The rest of it (profiles, SSO, web identity, container and instance
 * metadata, with the STS, SSO and sign-in clients they build) is never reached in Lambda, yet it
 * is 133 KiB that every cold start parses. Outside a bundle (the tests, `npm start`, the CLIs) the
 * SDK keeps its whole chain.
 */
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
