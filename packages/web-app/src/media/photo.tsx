import { useEffect, useState } from "preact/hooks";
import { useApp } from "../app-context.js";

/**
 * One image of an account (`GET /media/content/{account}/{content}`, which needs the bearer token,
 * so it is fetched and shown from a blob URL). `crop` shows only the stored square.
 */
export function Photo(props: {
  accountId: string;
  contentId: string;
  size?: number;
  alt: string;
  crop?: { x: number; y: number; size: number } | null;
  class?: string;
}) {
  const { session } = useApp();
  const [url, setUrl] = useState<string>();
  const [ratio, setRatio] = useState<number>();
  useEffect(() => {
    let created: string | undefined;
    let live = true;
    void session.api
      .blob(`/media/content/${props.accountId}/${props.contentId}?size=${props.size ?? 640}`)
      .then((blob) => {
        created = URL.createObjectURL(blob);
        if (live) setUrl(created);
      })
      .catch(() => undefined);
    return () => {
      live = false;
      if (created) URL.revokeObjectURL(created);
    };
  }, [props.accountId, props.contentId]);
  if (!url) return <div class={`photo placeholder ${props.class ?? ""}`} role="img" aria-label={props.alt} />;
  if (!props.crop) return <img class={`photo ${props.class ?? ""}`} src={url} alt={props.alt} />;
  // A square window on the image: the crop's side is `size` of the shorter side.
  const { x, y, size } = props.crop;
  const landscape = (ratio ?? 1) >= 1;
  const scale = 100 / size;
  const style = {
    width: landscape ? `${scale * (ratio ?? 1)}%` : `${scale}%`,
    left: `${-x * scale * (landscape ? (ratio ?? 1) : 1)}%`,
    top: `${-y * scale * (landscape ? 1 : 1 / (ratio ?? 1))}%`,
  };
  return (
    <div class={`photo cropped ${props.class ?? ""}`} role="img" aria-label={props.alt}>
      <img
        src={url}
        alt=""
        style={style}
        onLoad={(event) => {
          const image = event.currentTarget as HTMLImageElement;
          setRatio(image.naturalWidth / image.naturalHeight);
        }}
      />
    </div>
  );
}
