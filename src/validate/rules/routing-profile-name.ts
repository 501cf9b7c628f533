import { characters } from '../lengths';
import { quote, type UserRule } from '../rule';

/**
 * RoutingProfile.Name: "Must not be more than 127 characters" (@aws-sdk/client-connect
 * models_0.d.ts); the resource aws_connect_routing_profile checks StringLenBetween(1, 127).
 * The name is only looked up (data source, no validator): it must exist, and it exists only if
 * Connect accepted it. So we count Unicode characters, the smallest count, never refusing a name
 * that can exist, and refuse one that cannot.
 */
export const MAX_ROUTING_PROFILE_NAME = 127;

export const routingProfileName: UserRule = {
  name: 'routing-profile-name',
  description: `A routing profile name has at most ${MAX_ROUTING_PROFILE_NAME} characters (Connect's limit).`,
  check: (user) => {
    const name = user.routingProfile;
    if (name === undefined || name === '') return 'not-applicable';
    const length = characters(name);
    if (length <= MAX_ROUTING_PROFILE_NAME) return [];
    return [
      {
        field: 'routingProfile',
        code: 'ROUTING_PROFILE_NAME',
        message: `expected a routing profile name of at most ${MAX_ROUTING_PROFILE_NAME} characters (no longer name can exist in Connect), got ${quote(user, name)} (${length} characters)`,
      },
    ];
  },
};
