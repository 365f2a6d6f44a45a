import type { HttpReply } from "@venus/simple-backend";

/** A small HTML page: the answer of links people open from a mail in their browser. */
export const htmlPage = (status: number, title: string, text: string): HttpReply => ({
  status,
  contentType: "text/html; charset=utf-8",
  body: `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>\n`,
});
