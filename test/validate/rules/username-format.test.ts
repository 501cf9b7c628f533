import type { IdentityManagementType } from '../../../src/model';
import { HIDDEN_VALUE } from '../../../src/model';
import { chars, problem, problemsFor, ruleResult } from './helpers';

const CM_RULE = "expected 1 to 20 characters of letters, digits, _ . @ - (Connect's limit under CONNECT_MANAGED)";
const SAML_RULE = "expected 1 to 64 characters of letters, digits, _ . @ - (Connect's limit under SAML)";
const BYTES_RULE = "expected at most 100 bytes in UTF-8 (Terraform's provider limit, for every identity type)";
const EMAIL_RULE = 'expected "@" only in email form (name@example.com)';

describe('username-format', () => {
  const fails: [string, string, IdentityManagementType, string][] = [
    ['a CONNECT_MANAGED username has 21 characters', chars(21), 'CONNECT_MANAGED', `${CM_RULE}, got "${chars(21)}" (21 characters)`],
    ['a username has a space', 'jane doe', 'CONNECT_MANAGED', `${CM_RULE}, got "jane doe" (8 characters)`],
    ['a username has junk before the allowed characters', '!jane', 'CONNECT_MANAGED', `${CM_RULE}, got "!jane" (5 characters)`],
    ['a username has junk after the allowed characters', 'jane!', 'CONNECT_MANAGED', `${CM_RULE}, got "jane!" (5 characters)`],
    ['a CONNECT_MANAGED username has an accented letter', 'josé', 'CONNECT_MANAGED', `${CM_RULE}, got "josé" (4 characters, 5 bytes in UTF-8)`],
    ['a CONNECT_MANAGED username has @ outside email form', 'jane@doe', 'CONNECT_MANAGED', `${EMAIL_RULE}, got "jane@doe" (8 characters)`],
    ['a SAML username has 65 characters', chars(65), 'SAML', `${SAML_RULE}, got "${chars(60)}…" (65 characters)`],
    ['a SAML username has @ outside email form', 'jane@doe', 'SAML', `${EMAIL_RULE}, got "jane@doe" (8 characters)`],
    ['a SAML username has junk before its email form', '@jane@example.com', 'SAML', `${EMAIL_RULE}, got "@jane@example.com" (17 characters)`],
    ['a SAML username has junk after its email form', 'jane@example.com@x', 'SAML', `${EMAIL_RULE}, got "jane@example.com@x" (18 characters)`],
    ['a SAML username has a one-letter top-level domain', 'jane@example.c', 'SAML', `${EMAIL_RULE}, got "jane@example.c" (14 characters)`],
    ['a directory username has white space', 'jane doe', 'EXISTING_DIRECTORY', 'expected the directory login, without white space, got "jane doe" (8 characters)'],
    ['a directory username has 101 bytes', chars(101), 'EXISTING_DIRECTORY', `${BYTES_RULE}, got "${chars(60)}…" (101 characters)`],
    ['a directory username has 51 characters but 101 bytes', `${chars(50, 'é')}a`, 'EXISTING_DIRECTORY', `${BYTES_RULE}, got "${chars(50, 'é')}a" (51 characters, 101 bytes in UTF-8)`],
    ['a CONNECT_MANAGED username has 101 bytes (the provider limit comes first)', chars(101), 'CONNECT_MANAGED', `${BYTES_RULE}, got "${chars(60)}…" (101 characters)`],
  ];
  it.each(fails)('fails when %s', (_when, username, imt, message) => {
    expect(problemsFor({ username }, { imt })).toStrictEqual([problem('username', 'USERNAME_FORMAT', message)]);
  });

  const passes: [string, string, IdentityManagementType][] = [
    ['a 20-character CONNECT_MANAGED username', chars(20), 'CONNECT_MANAGED'],
    ['a 1-character username', 'j', 'CONNECT_MANAGED'],
    ['every allowed character', 'Az09_.-', 'CONNECT_MANAGED'],
    ['a CONNECT_MANAGED username in email form', 'j@example.com', 'CONNECT_MANAGED'],
    ['a 64-character SAML username', chars(64), 'SAML'],
    ['a SAML username in email form', 'jane.doe@example.com', 'SAML'],
    ['a SAML username with a 2-letter top-level domain', 'j@x.io', 'SAML'],
    ['a directory login with a backslash', 'CORP\\jane', 'EXISTING_DIRECTORY'],
    ['a 100-byte directory login', chars(100), 'EXISTING_DIRECTORY'],
    ['a 50-character, 100-byte directory login', chars(50, 'é'), 'EXISTING_DIRECTORY'],
  ];
  it.each(passes)('passes %s', (_when, username, imt) => {
    expect(ruleResult('username-format', { username }, { imt })).toStrictEqual([]);
  });

  it.each([[undefined], ['']])('is not applicable without a username (%p): required-fields reports it', (username) => {
    expect(ruleResult('username-format', { username })).toBe('not-applicable');
  });

  it('never quotes the value, nor its length, of a row that may hold a password', () => {
    expect(problemsFor({ username: 'Tr0ub4dor&3xyz', hideValues: true })).toStrictEqual([problem('username', 'USERNAME_FORMAT', `${CM_RULE}, got ${HIDDEN_VALUE}`)]);
  });
});
