/**
 * Share: the canvas as a PDF report (text stays text; charts are pictures) to send to anyone.
 * Nothing is uploaded: the file is made here and downloaded.
 */
import { Button, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';

export interface ShareDialogProps {
  opened: boolean;
  onClose: () => void;
  /** Makes the PDF; resolves with its file name and bytes. */
  makePdf: () => Promise<{ fileName: string; bytes: Uint8Array }>;
}

export function ShareDialog({ opened, onClose, makePdf }: ShareDialogProps) {
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
  return (
    <Modal opened={opened} onClose={onClose} title="Share">
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
    </Modal>
  );
}
