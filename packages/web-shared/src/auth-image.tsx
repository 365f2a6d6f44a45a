import { useEffect, useState } from "preact/hooks";
import type { ApiClient } from "./api-client.js";

interface AuthImageProps {
  api: ApiClient;
  /** `/media/content/{account}/{content}`; `?size=` is added. */
  path: string;
  size: number;
  alt: string;
  class?: string;
}

/**
 * An image the API serves only with the access token: fetched as a blob and shown from a `blob:` URL
 * (an `<img src>` cannot send the token), released when the element goes.
 */
export function AuthImage({ api, path, size, alt, class: className }: AuthImageProps) {
  const [url, setUrl] = useState<string>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let created: string | undefined;
    let live = true;
    setFailed(false);
    api
      .blob(`${path}?size=${size}`)
      .then((blob) => {
        created = URL.createObjectURL(blob);
        if (live) setUrl(created);
        else URL.revokeObjectURL(created);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      if (created) URL.revokeObjectURL(created);
    };
  }, [api, path, size]);
  if (failed) return <span class={`image-missing ${className ?? ""}`}>{alt}: not available</span>;
  return url ? (
    <img src={url} alt={alt} class={className} />
  ) : (
    <span class={`image-loading ${className ?? ""}`} aria-label={alt} />
  );
}
