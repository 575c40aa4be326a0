import {
  AdminGetUserCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  ListUsersCommand,
  paginateListUsersInGroup,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PersonProfile, UserDirectory } from '#shared/notifications/use-cases/ports.ts';

/**
 * The user directory in AWS: the people's Cognito pool, then the staff pool.
 *
 * Both pools sign in with the email address as username (`signInAliases: { email: true }` in
 * infra/stacks/stateless-stack.ts and infra/constructs/staff-user-pool.ts), so Cognito names each
 * user by a generated UUID that is the user's `sub`, and AdminGetUser accepts the `sub` of a local
 * user as its Username in any case: one AdminGetUser per pool, no `ListUsers` filter on `sub`.
 */

interface CognitoDirectoryOptions {
  client: CognitoIdentityProviderClient;
  peoplePoolId: string;
  staffPoolId: string;
}

/** ListUsers' largest page: one queue message of a message to everyone covers this many people. */
const PEOPLE_PAGE_SIZE = 60;

const attributeOf = (attributes: AttributeType[] | undefined, name: string): string | undefined =>
  attributes?.find((attribute) => attribute.Name === name)?.Value;

/** The address only once the person has verified it: an unverified one may be somebody else's. */
const profileFrom = (attributes: AttributeType[] | undefined): PersonProfile => {
  const profile: PersonProfile = {};
  const email = attributeOf(attributes, 'email');
  if (email && attributeOf(attributes, 'email_verified') === 'true') profile.email = email;
  const locale = attributeOf(attributes, 'locale');
  if (locale) profile.locale = locale;
  return profile;
};

export const createCognitoDirectory = (options: CognitoDirectoryOptions): UserDirectory => {
  const { client } = options;

  /** The user's attributes in one pool, or undefined when the pool has no such user. */
  const attributesIn = async (userPoolId: string, sub: string) => {
    try {
      const user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: sub }));
      return user.UserAttributes ?? [];
    } catch (error) {
      if (error instanceof UserNotFoundException) return undefined;
      throw error;
    }
  };

  return {
    profileOf: async (sub) => {
      const attributes = (await attributesIn(options.peoplePoolId, sub)) ?? (await attributesIn(options.staffPoolId, sub));
      return attributes && profileFrom(attributes);
    },
    membersOf: async (group) => {
      const members: string[] = [];
      const pages = paginateListUsersInGroup({ client }, { UserPoolId: options.staffPoolId, GroupName: group });
      for await (const page of pages) {
        for (const user of page.Users ?? []) {
          // A disabled account is staff no longer (or not for now): it is told nothing.
          if (user.Enabled === false) continue;
          const sub = attributeOf(user.Attributes, 'sub') ?? user.Username;
          if (sub) members.push(sub);
        }
      }
      return members;
    },
    peoplePage: async (page) => {
      const listed = await client.send(
        new ListUsersCommand({
          UserPoolId: options.peoplePoolId,
          Limit: PEOPLE_PAGE_SIZE,
          AttributesToGet: ['sub', 'email', 'email_verified', 'locale'],
          ...(page !== undefined && { PaginationToken: page }),
        }),
      );
      const people = (listed.Users ?? [])
        // A disabled account is told nothing (as a disabled staff member is not).
        .filter((user) => user.Enabled !== false)
        .map((user) => ({ sub: attributeOf(user.Attributes, 'sub') ?? user.Username ?? '', ...profileFrom(user.Attributes) }))
        .filter((person) => person.sub !== '');
      return { people, ...(listed.PaginationToken && { next: listed.PaginationToken }) };
    },
  };
};
