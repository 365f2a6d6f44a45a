/** Any JSON object as nested definition lists: for manager answers whose types live in the manager. */
export function JsonFacts({ value }: { value: unknown }) {
  if (value === null || typeof value !== "object") return <span>{String(value)}</span>;
  if (Array.isArray(value))
    return value.length === 0 ? (
      <span class="muted">none</span>
    ) : (
      <ol>
        {value.map((item, index) => (
          <li key={index}>
            <JsonFacts value={item} />
          </li>
        ))}
      </ol>
    );
  return (
    <dl class="facts">
      {Object.entries(value).map(([key, item]) => (
        <>
          <dt key={`${key}-k`}>{key.replaceAll("_", " ")}</dt>
          <dd key={`${key}-v`}>
            <JsonFacts value={item} />
          </dd>
        </>
      ))}
    </dl>
  );
}
