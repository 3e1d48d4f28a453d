/**
 * Share: live collaboration through a relay (the "Collaborate" tab, given by the app), or the canvas
 * as a PDF report (text stays text; charts are pictures) to send to anyone: that file is made here
 * and downloaded, nothing is uploaded.
 */
import { Button, Modal, Stack, Tabs, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';

export interface ShareDialogProps {
  opened: boolean;
  onClose: () => void;
  /** Makes the PDF; resolves with its file name and bytes. */
  makePdf: () => Promise<{ fileName: string; bytes: Uint8Array }>;
  /** The "Collaborate" tab's content (sign in, share, invite, join). */
  collaborate?: ReactNode;
  /** The tab shown when the dialog opens (default: Collaborate). */
  initialTab?: 'collaborate' | 'pdf';
}

export function ShareDialog({
  opened,
  onClose,
  makePdf,
  collaborate,
  initialTab = 'collaborate',
}: ShareDialogProps) {
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const download = (): void => {
    setState({ busy: true });
    makePdf().then(
      ({ fileName, bytes }) => {
        const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
        const link = document.createElement('a');
        link.href = url;
        link.download = fileName;
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        setState({ busy: false });
      },
      (error: unknown) =>
        setState({ busy: false, error: error instanceof Error ? error.message : String(error) }),
    );
  };
  const pdf = (
    <Stack gap="sm">
      <Text size="sm">
        Download the canvas as a PDF report: notes, SQL with the first rows of each result, charts and
        metrics, in reading order. It is made on this computer; nothing is uploaded.
      </Text>
      <Button onClick={download} loading={state.busy}>
        Download PDF
      </Button>
      {state.error && (
        <Text c="red" size="sm" role="alert">
          {state.error}
        </Text>
      )}
    </Stack>
  );
  return (
    <Modal opened={opened} onClose={onClose} title="Share" size={collaborate ? 'lg' : 'md'}>
      {collaborate ? (
        <Tabs defaultValue={initialTab} keepMounted={false}>
          <Tabs.List mb="sm">
            <Tabs.Tab value="collaborate">Collaborate</Tabs.Tab>
            <Tabs.Tab value="pdf">PDF report</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="collaborate">{collaborate}</Tabs.Panel>
          <Tabs.Panel value="pdf">{pdf}</Tabs.Panel>
        </Tabs>
      ) : (
        pdf
      )}
    </Modal>
  );
}
