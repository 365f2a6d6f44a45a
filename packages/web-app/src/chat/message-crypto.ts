import { createMessage, decrypt, encrypt, readMessage, type Key, type PrivateKey } from "openpgp";
import { fromBase64, toBase64 } from "./base64.js";

/** The text encrypted to the recipient's key and signed with the sender's: the API's base64 body. */
export async function encryptText(text: string, recipient: Key, sender: PrivateKey): Promise<string> {
  const bytes = await encrypt({
    message: await createMessage({ text }),
    encryptionKeys: recipient,
    signingKeys: sender,
    format: "binary",
  });
  return toBase64(bytes as Uint8Array);
}

export interface Decrypted {
  text: string;
  /** Signed by the sender's key the envelope names. */
  verified: boolean;
}

/** Decrypts a body with the device's private key and checks the signature with the sender's key. */
export async function decryptBody(body: string, own: PrivateKey, sender: Key): Promise<Decrypted> {
  const message = await readMessage({ binaryMessage: fromBase64(body) });
  const { data, signatures } = await decrypt({ message, decryptionKeys: own, verificationKeys: sender });
  let verified = signatures.length > 0;
  for (const signature of signatures) {
    try {
      await signature.verified;
    } catch {
      verified = false;
    }
  }
  return { text: String(data), verified };
}
