/**
 * Which IPC senders main answers: only the frames of windows main created,
 * showing main's own renderer (the packaged file or the dev server's origin).
 * Electron-free so it can be unit-tested.
 */
export interface SenderFacts {
  /** `event.sender.id` (the webContents). */
  readonly webContentsId: number;
  /** `event.senderFrame?.url`; null when the frame is gone. */
  readonly frameUrl: string | null;
}

export interface SenderPolicy {
  trustWindow(webContentsId: number): void;
  forgetWindow(webContentsId: number): void;
  isTrusted(sender: SenderFacts): boolean;
}

/** `rendererUrl` is what main loads: `file:///…/out/renderer/index.html` or `http://localhost:5173/`. */
export function createSenderPolicy(rendererUrl: string): SenderPolicy {
  const trusted = new Set<number>();
  const expected = new URL(rendererUrl);
  const fromApp = (frameUrl: string): boolean => {
    let url: URL;
    try {
      url = new URL(frameUrl);
    } catch {
      return false;
    }
    if (expected.protocol === 'file:') return url.protocol === 'file:' && url.pathname === expected.pathname;
    return url.origin === expected.origin;
  };
  return {
    trustWindow: (id) => void trusted.add(id),
    forgetWindow: (id) => void trusted.delete(id),
    isTrusted: (sender) => trusted.has(sender.webContentsId) && sender.frameUrl !== null && fromApp(sender.frameUrl),
  };
}
