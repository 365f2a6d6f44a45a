import { randomInt } from "node:crypto";
import { hashToken } from "../tokens.js";

/** Six random digits: what a person types from a mail. */
export function newEmailCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, "0");
}

/** A code is stored only as a hash bound to what it was issued with (a client token or an account). */
export function hashEmailCode(boundTo: string, code: string): string {
  return hashToken(`${boundTo}:${code}`);
}

export const hexBlob = (hex: string): Buffer => Buffer.from(hex, "hex");
