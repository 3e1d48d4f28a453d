/**
 * Collaboration for the app in one hook: the relay account, live sync of a linked canvas, and the
 * three things the app places — the toolbar's status (badge and avatars), the canvas overlay
 * (cursors, selections, following) and the share dialog's "Collaborate" tab.
 */
import { Group } from '@mantine/core';
import { type ReactNode, useCallback } from 'react';
import { blockLabel, type CanvasDoc } from '@facet/engine/common';
import { CollabOverlay, ConnectionBadge, peoplePresent, PresenceAvatars } from '@facet/ui';
import type { HostApi } from '../../../shared/host-api.ts';
import { CollaborateSection } from './CollaborateSection.tsx';
import type { CanvasLink } from './relay-settings.ts';
import { useRelayAccount } from './use-relay-account.ts';
import { useRelaySync } from './use-relay-sync.ts';

export interface Collaboration {
  /** For the toolbar; null while the canvas is not shared. */
  toolbar: ReactNode;
  /** For CanvasView's overlay; null while the canvas is not shared. */
  overlay: ReactNode;
  /** The share dialog's "Collaborate" tab. */
  collaborate: ReactNode;
  /** The tab Share opens on. */
  shareTab: 'collaborate' | 'pdf';
}

export function useCollaboration(
  api: HostApi,
  canvasId: string,
  canvas: CanvasDoc,
  canvasName: string,
  onOpenCanvas: (id: string) => void,
): Collaboration {
  const account = useRelayAccount(api, canvasId);
  const { setLink } = account;
  const onLinkChange = useCallback((link: CanvasLink) => void setLink(link), [setLink]);
  const sync = useRelaySync({
    canvas,
    link: account.link,
    client: account.client,
    user: account.user,
    onLinkChange,
  });
  const label = useCallback(
    (id: string) => {
      const block = canvas.block(id);
      return block ? blockLabel(block) : undefined;
    },
    [canvas],
  );
  const { follow } = sync;
  const stopFollowing = useCallback(() => follow(undefined), [follow]);
  const linked = account.link !== undefined;
  const toolbar = linked ? (
    <Group gap="xs" wrap="nowrap">
      <PresenceAvatars peers={sync.peers} following={sync.following} onFollow={follow} blockLabel={label} />
      <ConnectionBadge
        state={sync.state}
        people={peoplePresent(sync.peers).filter((p) => p.user.id !== account.user?.id).length + 1}
        pending={sync.pending}
        readOnly={sync.readOnly}
        synced={sync.synced}
        problem={sync.problem}
      />
    </Group>
  ) : null;
  const overlay = sync.active ? (
    <CollabOverlay
      peers={sync.peers}
      publish={sync.publish}
      following={sync.following}
      onStopFollowing={stopFollowing}
    />
  ) : null;
  const collaborate = (
    <CollaborateSection api={api} account={account} canvasName={canvasName} onOpenCanvas={onOpenCanvas} />
  );
  // Share opens on Collaborate once this canvas is shared or the person is signed in to a relay;
  // before that, the PDF report is what works straight away (and what the tour's last step uses).
  const shareTab: 'collaborate' | 'pdf' = linked || account.user ? 'collaborate' : 'pdf';
  return { toolbar, overlay, collaborate, shareTab };
}
