/** "New project": a name and Create (disabled until there is a name). */
import { Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';

export function NewProjectForm({ onCreate }: { onCreate: (name: string) => void }) {
  const [name, setName] = useState('');
  return (
    <Group align="end" wrap="nowrap">
      <TextInput
        label="New project"
        placeholder="Name"
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Enter' && name.trim() && onCreate(name.trim())}
        style={{ flex: 1 }}
      />
      <Button disabled={!name.trim()} onClick={() => onCreate(name.trim())}>
        Create
      </Button>
    </Group>
  );
}
