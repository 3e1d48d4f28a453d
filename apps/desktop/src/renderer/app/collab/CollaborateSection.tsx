/**
 * The share dialog's "Collaborate" tab: sign in to a relay, share this canvas (it becomes a relay
 * document everyone invited edits live), invite people, or join a canvas someone shared.
 */
import { Button, Divider, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { HostApi } from '../../../shared/host-api.ts';
import { joinCanvas, shareCanvas } from './collab-actions.ts';
import { InvitePanel } from './InvitePanel.tsx';
import { SignInForm } from './SignInForm.tsx';
import type { RelayAccount } from './use-relay-account.ts';

export interface CollaborateSectionProps {
  api: HostApi;
  account: RelayAccount;
  canvasName: string;
  /** Opens a canvas of this project (the one just joined). */
  onOpenCanvas: (id: string) => void;
}

export function CollaborateSection({ api, account, canvasName, onOpenCanvas }: CollaborateSectionProps) {
  const [url, setUrl] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const { client, user, link } = account;
  if (!account.loaded) return <Loader size="sm" aria-label="Loading" />;
  if (!client || !user)
    return (
      <Stack gap="xs">
        <Text size="sm">
          Sign in to a Facet relay to edit this canvas live with others. Your data stays on this computer; the
          canvas (SQL, notes, charts) is what is shared.
        </Text>
        <SignInForm url={url ?? account.url ?? ''} onUrlChange={setUrl} connect={account.connect} />
      </Stack>
    );

  const share = (): void => {
    setBusy(true);
    setError(undefined);
    shareCanvas(client, canvasName)
      .then(account.setLink)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  const linkedHere = link && link.url === client.url;
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">
          Signed in to <b>{client.url}</b> as {user.name} ({user.email})
        </Text>
        <Button
          variant="subtle"
          size="compact-sm"
          style={{ flexShrink: 0 }}
          onClick={() => void account.signOut()}
        >
          Sign out
        </Button>
      </Group>
      {linkedHere ? (
        <>
          <Text size="sm" c="teal" role="status">
            This canvas is shared: changes sync live. You are{' '}
            {link.role === 'owner' ? 'its owner' : `a ${link.role}`}.
          </Text>
          <InvitePanel client={client} docId={link.docId} role={link.role} />
        </>
      ) : link ? (
        <Text size="sm" c="orange">
          This canvas is shared on another relay ({link.url}). Sign in there to sync it.
        </Text>
      ) : (
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">Upload this canvas to the relay and invite people to it.</Text>
          <Button onClick={share} loading={busy}>
            Share this canvas
          </Button>
        </Group>
      )}
      {error && (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      )}
      <Divider label="or" labelPosition="center" />
      <JoinForm api={api} account={account} onOpenCanvas={onOpenCanvas} />
    </Stack>
  );
}

function JoinForm({ api, account, onOpenCanvas }: Omit<CollaborateSectionProps, 'canvasName'>) {
  const [invite, setInvite] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const join = (event: FormEvent): void => {
    event.preventDefault();
    if (!account.client) return;
    setBusy(true);
    setError(undefined);
    joinCanvas(api, account.client, invite)
      .then(onOpenCanvas, (e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  return (
    <form onSubmit={join} aria-label="Join a shared canvas">
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <TextInput
          label="Join a shared canvas"
          placeholder="Paste an invite link"
          value={invite}
          onChange={(e) => setInvite(e.currentTarget.value)}
          required
          style={{ flex: 1 }}
        />
        <Button type="submit" variant="light" loading={busy}>
          Join
        </Button>
      </Group>
      {error && (
        <Text c="red" size="sm" role="alert" mt={4}>
          {error}
        </Text>
      )}
    </form>
  );
}
