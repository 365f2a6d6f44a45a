import { describe, expect, it } from "vitest";
import { testMessage } from "./testing/test-message.js";
import { awaitsSender, recipientAcknowledges, senderAcknowledges } from "./message-lifecycle.js";

const message = () => testMessage();

describe("message lifecycle", () => {
  it("recipient first with a receipt: the sender's one acknowledgement finishes it", () => {
    const m = message();
    expect(recipientAcknowledges(m, 5, true)).toBe("updated");
    expect(m.body).toBeNull();
    expect(m.deliveredAt).toBe(5);
    expect(awaitsSender(m)).toBe(true);
    expect(senderAcknowledges(m)).toBe("finished");
    expect(awaitsSender(m)).toBe(false);
  });

  it("sender first with a receipt: the receipt needs a second acknowledgement", () => {
    const m = message();
    expect(senderAcknowledges(m)).toBe("updated");
    expect(senderAcknowledges(m)).toBe("unchanged");
    expect(recipientAcknowledges(m, 5, true)).toBe("updated");
    expect(m.receiptPending).toBe(true);
    expect(senderAcknowledges(m)).toBe("finished");
  });

  it("sender first without a receipt: the recipient's acknowledgement finishes it", () => {
    const m = message();
    senderAcknowledges(m);
    expect(recipientAcknowledges(m, 5, false)).toBe("finished");
  });

  it("recipient first without a receipt: waits for the sender, who learns nothing of the delivery", () => {
    const m = message();
    expect(recipientAcknowledges(m, 5, false)).toBe("updated");
    expect(m.receiptPending).toBe(false);
    expect(awaitsSender(m)).toBe(true);
    expect(senderAcknowledges(m)).toBe("finished");
  });

  it("a repeated recipient acknowledgement changes nothing", () => {
    const m = message();
    recipientAcknowledges(m, 5, true);
    expect(recipientAcknowledges(m, 9, false)).toBe("unchanged");
    expect(m.deliveredAt).toBe(5);
    expect(m.receiptPending).toBe(true);
  });
});
