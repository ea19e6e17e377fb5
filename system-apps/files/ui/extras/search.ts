// Search-as-you-type without races: a pause before asking, and only the latest question's answer is kept (older ones are aborted).
export interface LatestOnly<T> {
  /** Asks for `input` after the pause (null: stop asking); whatever was pending or running is dropped. */
  update(input: T | null): void;
  stop(): void;
}

export function latestOnly<T, R>(
  run: (input: T, signal: AbortSignal) => Promise<R>,
  delayMs: number,
  onResult: (result: R, input: T) => void,
  onError: (err: unknown, input: T) => void,
): LatestOnly<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: AbortController | null = null;
  const stop = () => {
    clearTimeout(timer);
    current?.abort();
    current = null;
  };
  return {
    update(input) {
      stop();
      if (input === null) return;
      timer = setTimeout(() => {
        const ctrl = new AbortController();
        current = ctrl;
        run(input, ctrl.signal).then(
          (r) => !ctrl.signal.aborted && onResult(r, input),
          (err) => !ctrl.signal.aborted && onError(err, input),
        );
      }, delayMs);
    },
    stop,
  };
}

const MEDIA: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif', bmp: 'image/bmp', svg: 'image/svg+xml', heic: 'image/heic',
  mp4: 'video/mp4', webm: 'video/webm', mkv: 'video/x-matroska', mov: 'video/quicktime', avi: 'video/x-msvideo',
  mp3: 'audio/mpeg', wav: 'audio/wav', flac: 'audio/flac', ogg: 'audio/ogg', m4a: 'audio/mp4', opus: 'audio/opus',
};

/** A media type good enough for an icon, for search hits (which carry no type). */
export function iconMime(name: string, kind: string): string {
  if (kind === 'dir') return 'inode/directory';
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  return MEDIA[ext] ?? '';
}
