/**
 * Sign in to a relay, or create an account there. Errors are shown as the relay words them (weak
 * password, wrong password, address taken); an account with two-factor on gets a code field.
 */
import { Anchor, Button, Group, PasswordInput, PinInput, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { RelayError, type RelayClient } from '@facet/engine/common';

export interface SignInFormProps {
  /** The relay address typed so far (the settings' default at first). */
  url: string;
  onUrlChange: (url: string) => void;
  /** The client for an address (throws RelayError `bad_url` for a malformed one). */
  connect: (url: string) => RelayClient;
}

export function SignInForm({ url, onUrlChange, connect }: SignInFormProps) {
  const [mode, setMode] = useState<'sign-in' | 'sign-up'>('sign-in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [totp, setTotp] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setError(undefined);
    let client: RelayClient;
    try {
      client = connect(url);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return;
    }
    setBusy(true);
    const done =
      mode === 'sign-up'
        ? client.signUp({ email: email.trim(), password, name: name.trim() })
        : client.signIn({ email: email.trim(), password, ...(totp ? { totp } : {}) });
    done.then(
      () => setBusy(false),
      (e: unknown) => {
        setBusy(false);
        if (e instanceof RelayError && e.code === 'totp_required') {
          setTotp('');
          setError('Enter the 6-digit code from your authenticator app.');
        } else setError(e instanceof Error ? e.message : String(e));
      },
    );
  };

  return (
    <form onSubmit={submit} aria-label={mode === 'sign-in' ? 'Sign in to a relay' : 'Create a relay account'}>
      <Stack gap="xs">
        <TextInput
          label="Relay address"
          placeholder="https://relay.example.com"
          value={url}
          onChange={(e) => onUrlChange(e.currentTarget.value)}
          required
        />
        {mode === 'sign-up' && (
          <TextInput
            label="Your name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
          />
        )}
        <TextInput
          label="Email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          required
        />
        <PasswordInput
          label="Password"
          autoComplete={mode === 'sign-up' ? 'new-password' : 'current-password'}
          description={mode === 'sign-up' ? 'At least 10 characters; a passphrase is best.' : undefined}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          required
        />
        {totp !== undefined && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Two-factor code
            </Text>
            <PinInput
              length={6}
              type="number"
              oneTimeCode
              value={totp}
              onChange={setTotp}
              aria-label="Two-factor code"
            />
          </Stack>
        )}
        {error && (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        )}
        <Group justify="space-between">
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => {
              setMode(mode === 'sign-in' ? 'sign-up' : 'sign-in');
              setError(undefined);
            }}
          >
            {mode === 'sign-in' ? 'No account? Create one' : 'Have an account? Sign in'}
          </Anchor>
          <Button type="submit" loading={busy}>
            {mode === 'sign-in' ? 'Sign in' : 'Create account'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
