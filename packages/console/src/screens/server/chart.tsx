import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface Series {
  label: string;
  values: (number | null)[];
}

interface ChartProps {
  title: string;
  /** x values: Unix seconds for time charts, plain numbers otherwise. */
  x: number[];
  series: Series[];
  time?: boolean;
  /** The x range to show (the chosen time range), instead of just the data's. */
  range?: [number, number];
}

const COLORS = ["#7a2fd0", "#1d7a3a", "#c0262d", "#2f6fd0", "#c07a00", "#00838f", "#8d6e63"];

/** A uPlot line chart sized to its box; the data also goes to a visually hidden table for screen readers. */
export function Chart({ title, x, series, time = true, range }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const plot = new uPlot(
      {
        width: Math.max(280, element.clientWidth),
        height: 220,
        scales: { x: range ? { time, range } : { time } },
        series: [
          {},
          ...series.map((one, index) => ({
            label: one.label,
            stroke: COLORS[index % COLORS.length],
            width: 2,
          })),
        ],
        axes: [{ stroke: "currentColor" }, { stroke: "currentColor" }],
      },
      [x, ...series.map((one) => one.values)],
      element,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(280, element.clientWidth), height: 220 }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [x, series, time, range?.[0], range?.[1]]);
  return (
    <figure class="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <div ref={box} aria-hidden="true" />
      <table class="visually-hidden">
        <caption>{title}</caption>
        <tbody>
          {series.map((one) => (
            <tr key={one.label}>
              <th scope="row">{one.label}</th>
              <td>{one.values.join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
