import type { FaceCrop, OwnContentResponse, ProfileContentResponse } from "@venus/model";
import { useEffect, useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import { useT } from "../i18n/use-t.js";
import { ErrorLine, useAction } from "../screens/use-action.js";
import { cropOf, slidersOf, type CropSliders } from "./crop.js";
import { Photo } from "./photo.js";
import { useUploader } from "./use-uploader.js";

const MAX_PHOTOS = 6;

/**
 * The profile photos: pick or drop files, each uploaded with its progress; reorder, choose the
 * first (the face image) and crop it to the square shown in the grid. Every change is saved with
 * `PUT /media/profile_content`.
 */
export function PhotosEditor({ onChange }: { onChange?: (count: number) => void }) {
  const t = useT();
  const { session, accountId } = useApp();
  const [images, setImages] = useState<string[]>([]);
  const [crop, setCrop] = useState<FaceCrop | null>(null);
  const [dims, setDims] = useState<Record<string, { width: number; height: number }>>({});
  const uploader = useUploader();
  const { error, run } = useAction();

  const loadDims = async () => {
    const own = await session.api.get<OwnContentResponse>("/media/content");
    setDims(
      Object.fromEntries(
        own.items.map((item) => [item.content_id, item.sizes[0] ?? { width: 1, height: 1 }]),
      ),
    );
  };
  useEffect(() => {
    void session.api.get<ProfileContentResponse>(`/media/profile_content/${accountId}`).then(
      (content) => {
        setImages(content.images.map((image) => image.content_id));
        setCrop(content.crop);
      },
      () => undefined,
    );
    void loadDims();
  }, []);
  useEffect(() => onChange?.(images.length), [images.length]);

  const save = (next: string[], nextCrop: FaceCrop | null) =>
    run(async () => {
      if (next.length > 0)
        await session.api.put("/media/profile_content", {
          images: next,
          ...(nextCrop ? { crop: nextCrop } : {}),
        });
      setImages(next);
      setCrop(nextCrop);
    });

  const add = async (files: FileList | null) => {
    let current = images;
    for (const file of Array.from(files ?? [])) {
      if (current.length >= MAX_PHOTOS) break;
      const id = await uploader.upload(file);
      if (!id) return;
      await loadDims();
      current = [...current, id];
      await save(current, current.length === 1 ? null : crop);
    }
  };
  const move = (from: number, to: number) => {
    const next = [...images];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item as string);
    void save(next, to === 0 || from === 0 ? null : crop);
  };

  const first = images[0];
  const firstDims = first ? dims[first] : undefined;
  return (
    <section class="card photos" aria-labelledby="photos-title">
      <h2 id="photos-title">{t("photos.title")}</h2>
      <ol class="photo-grid">
        {images.map((id, index) => (
          <li key={id}>
            <Photo
              accountId={accountId}
              contentId={id}
              size={256}
              alt={t("photos.photo", { n: index + 1 })}
              crop={index === 0 ? crop : null}
              class="thumb"
            />
            <div class="row">
              {index > 0 && (
                <button type="button" class="small" onClick={() => move(index, 0)}>
                  {t("photos.make_first")}
                </button>
              )}
              {index > 0 && (
                <button
                  type="button"
                  class="small"
                  aria-label={t("photos.earlier")}
                  onClick={() => move(index, index - 1)}
                >
                  ↑
                </button>
              )}
              <button
                type="button"
                class="small"
                onClick={() =>
                  void save(
                    images.filter((i) => i !== id),
                    index === 0 ? null : crop,
                  )
                }
              >
                {t("photos.remove")}
              </button>
            </div>
          </li>
        ))}
      </ol>
      {first && firstDims && (
        <CropEditor
          key={first}
          crop={crop}
          width={firstDims.width}
          height={firstDims.height}
          onSave={(next) => void save(images, next)}
        />
      )}
      {images.length < MAX_PHOTOS && (
        <label
          class="drop"
          onDragOver={(event) => event.preventDefault()}
          onDrop={(event) => {
            event.preventDefault();
            void add(event.dataTransfer?.files ?? null);
          }}
        >
          {uploader.label ?? t("photos.add")}
          <input
            type="file"
            name="photos"
            accept="image/jpeg,image/png,image/webp"
            multiple
            hidden={!!uploader.progress}
            onChange={(event) => void add((event.currentTarget as HTMLInputElement).files)}
          />
        </label>
      )}
      {uploader.progress?.phase === "sending" && <progress max={1} value={uploader.progress.fraction} />}
      <ErrorLine error={uploader.error ?? error} />
    </section>
  );
}

function CropEditor(props: {
  crop: FaceCrop | null;
  width: number;
  height: number;
  onSave(crop: FaceCrop): void;
}) {
  const t = useT();
  const [sliders, setSliders] = useState<CropSliders>(() => slidersOf(props.crop, props.width, props.height));
  const slider = (name: keyof CropSliders, min: number) => (
    <label>
      {t(`crop.${name}`)}
      <input
        type="range"
        min={min}
        max={1}
        step={0.01}
        value={sliders[name]}
        onInput={(event) =>
          setSliders({ ...sliders, [name]: Number((event.currentTarget as HTMLInputElement).value) })
        }
        onChange={() => props.onSave(cropOf(sliders, props.width, props.height))}
      />
    </label>
  );
  return (
    <fieldset class="crop">
      <legend>{t("crop.title")}</legend>
      {slider("size", 0.3)}
      {slider("panX", 0)}
      {slider("panY", 0)}
    </fieldset>
  );
}
