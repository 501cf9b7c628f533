import { defineUsers, preset } from 'connect-users/define';

// Settings shared by every supervisor; each user below only says what differs.
const supervisor = preset({
  routingProfile: 'Supervisors',
  securityProfiles: ['Agent', 'CallCenterManager'],
  phoneType: 'SOFT_PHONE',
  autoAccept: false,
  afterContactWorkTimeLimit: 0,
  tags: { role: 'supervisor' },
});

export default defineUsers([
  supervisor({ username: 'rita.costa', firstName: 'Rita', lastName: 'Costa', email: 'rita.costa@example.com', hierarchyGroup: 'EMEA|Lisbon|Sales' }),
  supervisor({ username: 'tom.walsh', firstName: 'Tom', lastName: 'Walsh', email: 'tom.walsh@example.com', hierarchyGroup: 'EMEA|Dublin|Dublin Support' }),
]);
