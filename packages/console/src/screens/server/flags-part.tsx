import type { RuntimeFlags } from "@venus/model";
import { ApiError, type Session } from "@venus/web-shared";
import { useState } from "preact/hooks";
import { useLoad } from "../../use-load.js";
import { describeType, flagSchemas, parseFlag, type FlagSchema } from "./flag-schema.js";

function FlagRow({
  session,
  name,
  schema,
  value,
  onSaved,
}: {
  session: Session;
  name: string;
  schema: FlagSchema;
  value: unknown;
  onSaved(flags: RuntimeFlags): void;
}) {
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem("value") as HTMLInputElement;
    try {
      const parsed = parseFlag(schema, schema.type === "boolean" ? input.checked : input.value);
      onSaved(await session.api.put<RuntimeFlags>(`/admin/flags/${name}`, { value: parsed }));
      setResult({ ok: true, text: "Saved" });
    } catch (error) {
      setResult({
        ok: false,
        text: error instanceof ApiError ? `${error.code}: ${error.message}` : (error as Error).message,
      });
    }
  };
  const input =
    schema.type === "boolean" ? (
      <input name="value" aria-label={name} type="checkbox" defaultChecked={value === true} />
    ) : schema.type === "string" ? (
      <input
        name="value"
        aria-label={name}
        type="text"
        defaultValue={String(value)}
        pattern={schema.pattern}
      />
    ) : (
      <input
        name="value"
        aria-label={name}
        type="number"
        defaultValue={String(value)}
        min={schema.minimum}
        max={schema.maximum}
        step={schema.type === "integer" ? 1 : "any"}
      />
    );
  return (
    <tr>
      <th scope="row">
        <code>{name}</code>
        <div class="muted">{schema.description}</div>
      </th>
      <td class="muted">{describeType(schema)}</td>
      <td>
        <form class="inline" aria-label={`Flag ${name}`} onSubmit={save} noValidate>
          {input}
          <button type="submit">Save</button>
        </form>
        {result && (
          <span role={result.ok ? "status" : "alert"} class={result.ok ? "ok" : "error"}>
            {result.text}
          </span>
        )}
      </td>
    </tr>
  );
}

/** Every runtime flag with its type and range; each saved on its own, checked here and by the server. */
export function FlagsPart({ session }: { session: Session }) {
  const [flags, setFlags] = useState<RuntimeFlags>();
  const loaded = useLoad(async () => {
    const [schemas, current] = await Promise.all([
      flagSchemas(session),
      session.api.get<RuntimeFlags>("/admin/flags"),
    ]);
    setFlags(current);
    return schemas;
  }, []);
  return (
    <section aria-label="Runtime flags" class="part wide">
      <h2>Runtime flags</h2>
      {loaded.error && <p role="alert">{loaded.error}</p>}
      {loaded.data && flags && (
        <table class="flags">
          <thead>
            <tr>
              <th>flag</th>
              <th>type</th>
              <th>value</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(loaded.data).map(([name, schema]) => (
              <FlagRow
                key={name}
                session={session}
                name={name}
                schema={schema}
                value={flags[name as keyof RuntimeFlags]}
                onSaved={setFlags}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
