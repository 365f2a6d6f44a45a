import { UNSUBSCRIBE_LINK_PATH, unsubscribeReminders } from "@venus/data-push";
import { htmlPage } from "../../html-page.js";
import { publicRoute } from "../../route.js";

export const unsubscribeRemindersRoute = publicRoute(
  {
    method: "get",
    path: UNSUBSCRIBE_LINK_PATH,
    summary:
      "The one-click link in a reminder email (`?token=`): switches reminder emails off and answers a small HTML page",
    tag: "account",
    responses: {
      200: { description: "text/html: no more reminder emails" },
      400: { description: "text/html: the link is wrong (or the account is gone)" },
    },
  },
  async ({ http, deps }) => {
    if (await unsubscribeReminders(deps.push, http.query.get("token") ?? ""))
      return htmlPage(
        200,
        "No more reminder emails",
        "You will get no more reminder emails. You can switch them on again in the app's notification settings.",
      );
    return htmlPage(
      400,
      "This link does not work",
      "Copy the whole link from the mail, or use the app's settings.",
    );
  },
);
