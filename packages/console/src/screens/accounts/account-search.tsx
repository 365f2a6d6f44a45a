import { useState } from "preact/hooks";

/** An account id as the API writes it: 22 base64url characters. */
const ACCOUNT_ID = /^[A-Za-z0-9_-]{22}$/;

/** Find an account by email or id; opens its page (`#/accounts/{id}` or `#/accounts/email/{email}`). */
export function AccountSearch() {
  const [query, setQuery] = useState("");
  return (
    <form
      role="search"
      aria-label="Find an account"
      class="inline"
      onSubmit={(event) => {
        event.preventDefault();
        const text = query.trim();
        location.hash = ACCOUNT_ID.test(text)
          ? `#/accounts/${text}`
          : `#/accounts/email/${encodeURIComponent(text)}`;
      }}
    >
      <input
        type="search"
        aria-label="Email or account id"
        placeholder="Email or account id"
        value={query}
        onInput={(event) => setQuery(event.currentTarget.value)}
        required
      />
      <button type="submit">Find</button>
    </form>
  );
}
