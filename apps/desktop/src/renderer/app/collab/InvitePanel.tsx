/**
 * For a shared canvas: invite someone by email with a role, make an invite link (role and expiry)
 * to copy, and the members with their roles. Someone without an account on the relay gets an
 * invite link for their email instead.
 */
import { Badge, Button, CopyButton, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import {
  canEdit,
  RELAY_ROLES,
  RelayError,
  type RelayClient,
  type RelayMember,
  type RelayRole,
} from '@facet/engine/common';

export interface InvitePanelProps {
  client: RelayClient;
  docId: string;
  /** Your role: you can grant roles up to it. */
  role: RelayRole;
}

const EXPIRY = [
  { value: '24', label: '1 day' },
  { value: '168', label: '7 days' },
  { value: '720', label: '30 days' },
];

export function InvitePanel({ client, docId, role }: InvitePanelProps) {
  const grantable = RELAY_ROLES.slice(RELAY_ROLES.indexOf(role)).map((r) => ({ value: r, label: r }));
  const [members, setMembers] = useState<RelayMember[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [email, setEmail] = useState('');
  const [emailRole, setEmailRole] = useState<RelayRole>('editor');
  const [linkRole, setLinkRole] = useState<RelayRole>('editor');
  const [expiry, setExpiry] = useState('168');
  const [link, setLink] = useState<string | undefined>();
  const [busy, setBusy] = useState<'email' | 'link' | undefined>();
  const fail = (e: unknown): void => setError(e instanceof Error ? e.message : String(e));

  const reload = useCallback(() => void client.listMembers(docId).then(setMembers, fail), [client, docId]);
  useEffect(reload, [reload]);

  const inviteEmail = (event: FormEvent): void => {
    event.preventDefault();
    setError(undefined);
    setNotice(undefined);
    setBusy('email');
    const address = email.trim();
    client
      .addMember(docId, address, emailRole)
      .then(
        (m) => {
          setNotice(`${m.name} can now open this canvas as ${m.role}.`);
          setEmail('');
          reload();
        },
        async (e: unknown) => {
          if (!(e instanceof RelayError && e.status === 404)) throw e;
          // No account yet: a link only that email can use, to send them.
          const invite = await client.createInvite(docId, {
            role: emailRole,
            expiresInHours: 168,
            email: address,
          });
          setLink(invite.url);
          setNotice(`${address} has no account on this relay yet: send them the link below (valid 7 days).`);
        },
      )
      .catch(fail)
      .finally(() => setBusy(undefined));
  };

  const makeLink = (): void => {
    setError(undefined);
    setBusy('link');
    client
      .createInvite(docId, { role: linkRole, expiresInHours: Number(expiry) })
      .then((invite) => {
        setLink(invite.url);
        setNotice(undefined);
      }, fail)
      .finally(() => setBusy(undefined));
  };

  if (!canEdit(role))
    return (
      <Text size="sm" c="dimmed">
        You are a {role} on this canvas: only owners and editors can invite people.
      </Text>
    );
  return (
    <Stack gap="sm">
      <form onSubmit={inviteEmail} aria-label="Invite by email">
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <TextInput
            label="Invite by email"
            type="email"
            placeholder="name@example.com"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            required
            style={{ flex: 1 }}
          />
          <Select
            aria-label="Role for the email invite"
            data={grantable}
            value={emailRole}
            onChange={(v) => v && setEmailRole(v)}
            allowDeselect={false}
            w={120}
          />
          <Button type="submit" loading={busy === 'email'}>
            Invite
          </Button>
        </Group>
      </form>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <Select
          label="Invite link"
          aria-label="Role for the invite link"
          data={grantable}
          value={linkRole}
          onChange={(v) => v && setLinkRole(v)}
          allowDeselect={false}
          style={{ flex: 1 }}
        />
        <Select
          aria-label="Link expires after"
          data={EXPIRY}
          value={expiry}
          onChange={(v) => v && setExpiry(v)}
          allowDeselect={false}
          w={110}
        />
        <Button variant="light" onClick={makeLink} loading={busy === 'link'}>
          Create link
        </Button>
      </Group>
      {notice && (
        <Text size="sm" role="status">
          {notice}
        </Text>
      )}
      {link && (
        <Group gap="xs" wrap="nowrap">
          <TextInput
            aria-label="Invite link to send"
            value={link}
            readOnly
            style={{ flex: 1 }}
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton value={link}>
            {({ copied, copy }) => (
              <Button
                variant={copied ? 'filled' : 'default'}
                color={copied ? 'teal' : undefined}
                onClick={copy}
              >
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
      )}
      {error && (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      )}
      <Table aria-label="Members" verticalSpacing={4}>
        <Table.Tbody>
          {(members ?? []).map((m) => (
            <Table.Tr key={m.userId}>
              <Table.Td>
                <Text size="sm">{m.name}</Text>
                <Text size="xs" c="dimmed">
                  {m.email}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                <Badge variant="light" color={m.role === 'owner' ? 'teal' : 'gray'} tt="none">
                  {m.role}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
