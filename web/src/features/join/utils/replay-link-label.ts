/**
 * What the mails call the replay link, and the pages the replay's heading: shared/src/recordings.ts's
 * `replayLinkLabel`, in the same words (test/shared-copies.test.tsx holds them equal), because that module's
 * schemas would bring TypeBox into the personal page (bench B6).
 */
export const replayLinkLabel = 'Watch the replay'
