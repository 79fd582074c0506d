// Reads a QR code from the camera (getUserMedia + jsQR) or from an uploaded picture.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Button, Notice } from '../shared/ui.js';
import { useT } from './texts.js';

/** jsQR is loaded when a QR code is first read, so the other screens do not download it. */
const loadJsQr = () => import('jsqr').then((module) => module.default);

async function decode(source: CanvasImageSource, width: number, height: number): Promise<string | undefined> {
  const jsQR = await loadJsQr();
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return undefined;
  context.drawImage(source, 0, 0, width, height);
  const pixels = context.getImageData(0, 0, width, height);
  return jsQR(pixels.data, width, height)?.data;
}

export async function decodeImageFile(file: Blob): Promise<string | undefined> {
  const bitmap = await createImageBitmap(file);
  try {
    return await decode(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

export function CameraScanner(props: { onRead: (payload: string) => void }) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const [on, setOn] = useState(false);
  const [cameraError, setCameraError] = useState<string | undefined>(undefined);
  const onRead = useRef(props.onRead);
  onRead.current = props.onRead;
  useEffect(() => {
    if (!on) return;
    let stream: MediaStream | undefined;
    let frame = 0;
    let stopped = false;
    const scan = async () => {
      const element = video.current;
      if (element && element.readyState >= element.HAVE_ENOUGH_DATA) {
        const payload = await decode(element, element.videoWidth, element.videoHeight);
        if (stopped) return;
        if (payload) {
          setOn(false);
          onRead.current(payload);
          return;
        }
      }
      frame = requestAnimationFrame(() => void scan());
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then((media) => {
        stream = media;
        if (video.current) {
          video.current.srcObject = media;
          void video.current.play();
        }
        frame = requestAnimationFrame(() => void scan());
      })
      .catch((reason: unknown) => {
        setCameraError(reason instanceof Error ? reason.message : String(reason));
        setOn(false);
      });
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [on]);
  return (
    <div>
      {on && <video ref={video} class="scanner" muted playsInline aria-label={t('scanWithCamera')} />}
      <Notice error={cameraError && t('cameraUnavailable', { reason: cameraError })} />
      <Button kind="secondary" onClick={() => setOn(!on)}>
        {on ? t('stopCamera') : t('scanWithCamera')}
      </Button>
    </div>
  );
}
