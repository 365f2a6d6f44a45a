import type { ProfileContentResponse } from "@venus/model";
import { useEffect, useRef, useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import { useT } from "../i18n/use-t.js";
import { ErrorLine, useAction } from "../screens/use-action.js";
import { Photo } from "./photo.js";
import { useUploader } from "./use-uploader.js";

/** The security selfie: a photo from the camera (`getUserMedia`) or a file; only moderators see it. */
export function SelfieEditor({ onChange }: { onChange?: (done: boolean) => void }) {
  const t = useT();
  const { session, accountId } = useApp();
  const [selfie, setSelfie] = useState<string>();
  const [stream, setStream] = useState<MediaStream>();
  const video = useRef<HTMLVideoElement>(null);
  const uploader = useUploader();
  const { error, run } = useAction();

  useEffect(() => {
    void session.api.get<ProfileContentResponse>(`/media/profile_content/${accountId}`).then(
      (content) => setSelfie(content.security_selfie?.content_id),
      () => undefined,
    );
  }, []);
  useEffect(() => onChange?.(selfie !== undefined), [selfie]);
  useEffect(() => {
    if (video.current && stream) video.current.srcObject = stream;
    return () => stream?.getTracks().forEach((track) => track.stop());
  }, [stream]);

  const use = async (file: Blob) => {
    const id = await uploader.upload(file);
    if (!id) return;
    await run(async () => {
      await session.api.put("/media/security_selfie", { content_id: id });
      setSelfie(id);
    });
  };
  const capture = () => {
    const element = video.current;
    if (!element) return;
    const canvas = document.createElement("canvas");
    canvas.width = element.videoWidth;
    canvas.height = element.videoHeight;
    canvas.getContext("2d")?.drawImage(element, 0, 0);
    setStream(undefined);
    canvas.toBlob((blob) => blob && void use(blob), "image/jpeg", 0.9);
  };

  return (
    <section class="card selfie" aria-labelledby="selfie-title">
      <h2 id="selfie-title">{t("selfie.title")}</h2>
      <p>{t("selfie.why")}</p>
      {selfie && (
        <Photo accountId={accountId} contentId={selfie} size={256} alt={t("selfie.title")} class="thumb" />
      )}
      {stream ? (
        <div class="camera">
          <video ref={video} autoplay playsInline muted aria-label={t("selfie.camera")} />
          <button type="button" onClick={capture}>
            {t("selfie.take")}
          </button>
        </div>
      ) : (
        <div class="row">
          <button
            type="button"
            disabled={!!uploader.progress}
            onClick={() =>
              void run(async () =>
                setStream(await navigator.mediaDevices.getUserMedia({ video: { facingMode: "user" } })),
              )
            }
          >
            {t("selfie.use_camera")}
          </button>
          <label class="button">
            {t("selfie.from_file")}
            <input
              type="file"
              name="selfie"
              accept="image/jpeg,image/png,image/webp"
              hidden
              onChange={(event) => {
                const file = (event.currentTarget as HTMLInputElement).files?.[0];
                if (file) void use(file);
              }}
            />
          </label>
        </div>
      )}
      {uploader.label && <p role="status">{uploader.label}</p>}
      <ErrorLine error={uploader.error ?? error} />
    </section>
  );
}
