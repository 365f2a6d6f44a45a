/** `reset-password --stdin`: the first line of stdin, without its line ending (a pipe or a terminal). */
export async function readPasswordFromStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) {
    text += (chunk as Buffer).toString("utf8");
    if (text.includes("\n")) break;
  }
  const password = text.split(/\r?\n/)[0] ?? "";
  if (password === "") {
    process.stderr.write("venus: no password on stdin\n");
    process.exit(1);
  }
  return password;
}
