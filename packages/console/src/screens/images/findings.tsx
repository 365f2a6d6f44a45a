import type { MediaModerationPage, NudityScores } from "@venus/model";

type Analysis = MediaModerationPage["items"][number]["analysis"];

/** model's `nudityScore`, which the browser cannot import (browser code takes only types from model). */
const nudityScore = (scores: NudityScores) => scores.porn + scores.hentai;
const percent = (value: number) => `${Math.round(value * 100)}%`;
const faces = (count: number) => (count === 1 ? "1 face" : `${count} faces`);

/**
 * The detectors' findings on one image (docs/image-worker.md, Detectors): the nudity score the rules
 * compare (porn + hentai) and the face count, short for the grid; every class and face in `full`.
 */
export function Findings({ analysis, full = false }: { analysis: Analysis; full?: boolean }) {
  if (!analysis || (!analysis.nudity && !analysis.faces))
    return <span class="findings none">No detector findings</span>;
  const { nudity } = analysis;
  if (!full)
    return (
      <span class="findings">
        {nudity && `nudity ${percent(nudityScore(nudity))}`}
        {nudity && analysis.faces && " · "}
        {analysis.faces && faces(analysis.faces.length)}
      </span>
    );
  return (
    <dl class="findings full" aria-label="Detector findings">
      {nudity && (
        <>
          <dt>Nudity score</dt>
          <dd>
            {percent(nudityScore(nudity))} (porn {percent(nudity.porn)}, hentai {percent(nudity.hentai)}, sexy{" "}
            {percent(nudity.sexy)}, neutral {percent(nudity.neutral)}, drawing {percent(nudity.drawing)})
          </dd>
        </>
      )}
      {analysis.faces && (
        <>
          <dt>Faces</dt>
          <dd>
            {faces(analysis.faces.length)}
            {analysis.faces.length > 0 &&
              ` (confidence ${analysis.faces.map((face) => percent(face.score)).join(", ")})`}
          </dd>
        </>
      )}
    </dl>
  );
}
