/** README.txt of every data export archive: what each file holds. */
export const EXPORT_README = `Everything Venus keeps about your account, as of when this archive was made.

account.json    your account: email (verified or not, a change waiting for confirmation),
                whether it has a password, the sign-in providers linked to it, state,
                permissions, setup answers, signed-in devices (when each signed in and
                was last used, the app and coarse address it last connected with;
                never a password or token)
profile.json    your profile as you see it, and your favorites
media.json      your images with their moderation states; the files are in media/
                (deleted images are kept for a while for moderation, and are here too);
                what the automatic checks found in each (nudity scores, faces, a face
                descriptor) and whether your profile is verified
relations.json  likes you gave and got, your matches, the accounts you blocked
chat.json       chat settings, your public keys, and the messages the server still
                stores for you or from you (without their encrypted bodies)
history.json    your API use per day and the addresses you signed in or connected from
reports.json    the reports you made: what, why, when, and whether it was decided

Times are Unix milliseconds (UTC). Other accounts are named by their account id.
`;
