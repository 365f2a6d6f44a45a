import { useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import { useT } from "../i18n/use-t.js";
import { errorText } from "../screens/error-text.js";
import { uploadImage, type UploadProgress } from "./upload.js";

/** One upload at a time (the server allows one per account), with its progress and failure as text. */
export function useUploader() {
  const t = useT();
  const { session } = useApp();
  const [progress, setProgress] = useState<UploadProgress>();
  const [error, setError] = useState<string>();
  const upload = async (file: Blob): Promise<string | undefined> => {
    setError(undefined);
    setProgress({ phase: "sending", fraction: 0 });
    try {
      return await uploadImage(session, file, setProgress);
    } catch (failure) {
      setError(errorText(t, failure));
      return undefined;
    } finally {
      setProgress(undefined);
    }
  };
  const label = (): string | undefined => {
    if (!progress) return undefined;
    if (progress.phase === "sending")
      return t("upload.sending", { percent: Math.round(progress.fraction * 100) });
    if (progress.phase === "in_queue") return t("upload.in_queue", { position: progress.position });
    return t("upload.processing");
  };
  return { upload, progress, label: label(), error };
}
