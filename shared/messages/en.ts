/**
 * English sentences of every stable code: `ERR_…` errors (each names the fix) and the verifier's
 * check names and sentences (`check.…`, `verify.…`). `{name}` placeholders take the context.
 */
export const EN = {
  // ── Files, disks, folders ──────────────────────────────────────────────
  ERR_FILE_EMPTY: 'The file is empty. Choose the complete file (export or download it again).',
  ERR_FILE_EXISTS:
    'Something is already at that path. Choose another name, or add --force to replace it.',
  ERR_FILE_IS_DIRECTORY: 'That path is a folder, not a file. Give the path of the file itself.',
  ERR_FILE_NOT_FOUND:
    'The file does not exist. Check the path (and the current folder), then run the command again.',
  ERR_FILE_TOO_LARGE:
    'The file is larger than Badgesmith accepts. Check that it is the file you meant, or make it smaller.',
  ERR_FILE_UNREADABLE:
    'The file cannot be read. Check that it is not open elsewhere and that you may read it, then try again.',
  ERR_FILE_WRITE:
    'A file could not be written. Check the output folder’s free space and permissions, then run the command again.',
  ERR_DISK_FULL:
    'The disk is full. Free some space, then run the same command again: nothing is done twice.',
  ERR_DISK_IO: 'A disk error stopped the command. Check the disk, then run the command again.',
  ERR_PERMISSION_DENIED:
    'Permission denied. Choose a file or folder you can use, or change its permissions.',
  ERR_READ_ONLY: 'That place is on a read-only disk. Choose a folder you can write to.',
  ERR_NOT_A_FOLDER: 'Part of the path is a file where a folder was expected. Check the path.',
  ERR_TOO_MANY_OPEN_FILES:
    'Too many files are open on this computer. Close some programs, then run the command again.',
  ERR_OUT_NOT_FOLDER:
    'The --out path is a file, not a folder. Give a folder, for example --out ./issued.',
  ERR_OUT_NOT_WRITABLE:
    'Badgesmith cannot write in the --out folder. Choose a folder you can write to.',
  ERR_DEMO_NOT_EMPTY: 'The demo folder is not empty. Give the demo a new or empty folder.',

  // ── Command line ───────────────────────────────────────────────────────
  ERR_USAGE:
    'The command is incomplete or has an unknown option. Run it with --help to see how to use it.',
  ERR_CANCELLED: 'Cancelled. Nothing more was done; run the command again when you are ready.',
  ERR_NEGATIVE:
    'The answer is no (for example: the image holds no badge). See the line above for details.',
  ERR_PORT_IN_USE: 'That port is already in use. Pick another one with --port.',
  ERR_INTERNAL:
    'Something unexpected went wrong inside Badgesmith. Run the command again; if it happens again, report it with the command you ran.',

  // ── Workspace ──────────────────────────────────────────────────────────
  ERR_WORKSPACE_BUSY:
    'Another Badgesmith command is writing to this workspace. Wait for it to finish, then run this one again.',
  ERR_WORKSPACE_CORRUPT:
    'The workspace database is damaged. Restore the workspace from a backup (badgesmith workspace restore).',
  ERR_WORKSPACE_DB_NOT_FILE:
    'The workspace database path is a folder. Move that folder away or choose another workspace with --workspace.',
  ERR_WORKSPACE_EXISTS:
    'That folder already holds a Badgesmith workspace. Use it, or choose an empty folder with --workspace.',
  ERR_WORKSPACE_MISSING:
    'There is no Badgesmith workspace here. Run badgesmith init first, or point to yours with --workspace.',
  ERR_WORKSPACE_NOT_FOLDER:
    'The workspace path is a file, not a folder. Give the workspace folder with --workspace.',
  ERR_WORKSPACE_NOT_INITIALISED:
    'This workspace has no issuer yet. Run badgesmith init --name NAME --url URL --site-url URL first.',
  ERR_WORKSPACE_READONLY:
    'The workspace folder is read-only. Make it writable (or copy it somewhere you can write), then try again.',
  ERR_WORKSPACE_TOO_NEW:
    'A newer Badgesmith wrote this workspace. Update Badgesmith to open it; the file was left untouched.',
  ERR_BACKUP_IS_WORKSPACE:
    'This file is a whole-workspace backup, not a key backup. Restore it into a new folder with workspace restore (or Restore in the app).',
  ERR_BACKUP_INVALID:
    'This file is not a usable Badgesmith backup (damaged or truncated); nothing was written. Use another backup.',
  ERR_BACKUP_OTHER_ISSUER:
    'This backup belongs to another issuer. Restore it into an empty workspace folder instead.',
  ERR_RESTORE_NOT_IDENTICAL:
    'Some files cannot be written again identically because the badge, the issuer or --bake changed since. Issue them again if they are needed.',
  ERR_SECRET_BOX_OPEN:
    'The encrypted data is damaged or the passphrase is wrong. Check the passphrase, or use another copy of the file.',

  // ── Backup, delivery, desktop app ──────────────────────────────────────
  ERR_FONT_INVALID:
    'This font file cannot be read (it is not a WOFF font). Reinstall Badgesmith’s fonts with npm ci, or choose another font.',
  ERR_CERTIFICATE_NO_NAME:
    'No name is known for this earner, and a certificate needs one. Issue again from a CSV with a name column, then make the certificate.',
  ERR_CERTIFICATE_OUT_UNWRITABLE:
    'Certificates cannot be written to that folder. Choose a folder you can write to with --out DIR.',
  ERR_CERTIFICATE_PENDING:
    'This award did not finish issuing, so it has no certificate yet. Run the same issue again first, then make the certificates.',
  ERR_CERTIFICATE_REVOKED: 'This award is revoked, so no certificate is made for it.',
  ERR_CERTIFICATE_WORKER:
    'A certificate thread failed and its certificates were not written. Run the command again; if it fails again, report the problem.',
  ERR_CERTIFICATE_ARTWORK_INVALID:
    'The badge artwork cannot be read as a PNG image for the certificate. Set the badge image again.',
  ERR_CERTIFICATE_FONT_MISSING:
    'A font of the certificates is not installed. Run npm ci in Badgesmith’s folder.',
  ERR_DELIVERY_UNCONFIRMED:
    'A run stopped while sending this message; it may have arrived. Check your Sent folder or ask the person; add --resend-unconfirmed to send it again.',
  ERR_GIT_MISSING:
    'The git command is not installed. Install git, or publish with --zip FILE instead.',
  ERR_PUBLISH_GIT_AUTH:
    'The git host refused the login. Use an SSH address with your SSH key, or set up git’s credential helper with a token, then try again.',
  ERR_PUBLISH_GIT_FAILED:
    'git could not prepare the site for publishing. Check the message above and that git works in a terminal, then try again.',
  ERR_PUBLISH_GIT_REJECTED:
    'The host refused the new commit because the branch changed there since the last publish. Run the same site publish again.',
  ERR_PUBLISH_GIT_UNREACHABLE:
    'git could not reach the host. Check the address and your network, then try again.',
  ERR_PUBLISH_GIT_HOST_KEY:
    'ssh does not trust the git host yet (or its key changed). Connect once from a terminal, for example ssh -T git@github.com, accept the key if its fingerprint matches the one your host publishes, then try again.',
  ERR_PUBLISH_GIT_NOT_REPOSITORY:
    'There is no git repository at that address. Create the repository on your host first, then copy its address from the host’s “Clone” button.',
  ERR_PUBLISH_GIT_BRANCH_IN_USE:
    'That branch already holds other files (your project’s source, say) and publishing would replace them. Choose another branch, such as gh-pages.',
  ERR_PUBLISH_GIT_BRANCH:
    'That is not a branch name. Use letters, digits, dashes or slashes, for example gh-pages or pages.',
  ERR_PUBLISH_GIT_ADDRESS:
    'That is not a repository address. Copy it from your host’s “Clone” button, for example https://github.com/you/site.git or git@github.com:you/site.git.',
  ERR_PUBLISH_GIT_TOKEN_IN_ADDRESS:
    'The address holds a password or token, which Badgesmith will not store. Remove it from the address and let git’s credential helper or your SSH key log in.',
  ERR_PUBLISH_SITE_UNREADABLE:
    'A file of the built site cannot be read: was the site changed while it was being zipped? Build the site again, then make the zip.',
  ERR_PUBLISH_ZIP_UNWRITABLE:
    'The zip file cannot be written. Choose a file in a folder you can write to with --zip FILE.',
  ERR_SMTP_AUTH:
    'The mail server refused the login; nothing was sent. Check --smtp-user and the password (BADGESMITH_SMTP_PASSWORD); some providers need an "app password".',
  ERR_SMTP_CONNECT:
    'The mail server cannot be reached; nothing was sent. Check the server name, --smtp-port and your network.',
  ERR_SMTP_FAILED: 'Sending a message failed. Run the same command again to send the rest.',
  ERR_SMTP_INSECURE:
    'Sending without encryption is only allowed to a server on this computer. Use --smtp-security starttls (port 587) or tls (port 465).',
  ERR_SMTP_PASSWORD_MISSING:
    'No mail password was given. Set BADGESMITH_SMTP_PASSWORD, or run the command in a terminal to be asked for it (it is never stored).',
  ERR_SMTP_RECIPIENT_REFUSED:
    'The mail server refused this address. Check the address; the next run tries it again.',
  ERR_SMTP_SENDER_REFUSED:
    'The mail server refuses to send from that address; nothing more was sent. Give an address of that account with --from.',
  ERR_SMTP_TLS:
    'The encrypted connection to the mail server failed; nothing was sent. Check --smtp-security (tls for port 465, starttls for 587) and the server name.',
  ERR_BACKUP_CORRUPT:
    'The backup is damaged, so it cannot be trusted; nothing was written. Restore from another copy of the backup.',
  ERR_BACKUP_TRUNCATED:
    'The backup is incomplete (copied before it was finished, or the disk filled up); nothing was written. Copy it again, or use another copy.',
  ERR_BATCH_AMBIGUOUS:
    'More than one batch id starts with that. Give more of it (badgesmith issue --json prints the full id as "batch").',
  ERR_BATCH_NOT_FOUND:
    'No such batch in this workspace. badgesmith issue --json prints the batch id; or choose the awards with --badge SLUG.',
  ERR_DELIVERY_FROM_MISSING:
    'The messages need a sender address. Give --from ADDRESS, or set the issuer’s e-mail with badgesmith issuer update --email ADDRESS.',
  ERR_DELIVERY_IMAGE_CHANGED:
    'The baked image is not the one issue wrote. Run the same badgesmith issue again to restore it, then deliver.',
  ERR_DELIVERY_IMAGE_MISSING:
    'The baked image is not there any more. Pass the folder that holds it with --issued DIR, or run the same badgesmith issue again.',
  ERR_DELIVERY_NO_EMAIL:
    'This person has no e-mail address, only a DID. Give them the badge another way, or issue again with an e-mail column.',
  ERR_DELIVERY_NO_IMAGE: 'This award has no baked image to attach. Issue it again with --bake png.',
  ERR_DELIVERY_OUT_UNWRITABLE:
    'The folder for the messages cannot be written. Choose a folder you can write to with --eml DIR.',
  ERR_DELIVERY_PENDING:
    'This award was not finished issuing. Run the same badgesmith issue again, then deliver.',
  ERR_DELIVERY_REVOKED:
    'This award is revoked, so it is not sent. Issue a new award if the person should have it.',
  ERR_DELIVERY_RUNNING:
    'These messages are already being sent. Wait for that run to finish, or cancel it, then try again.',
  ERR_DESIGN_IMAGE_INVALID:
    'An image layer does not hold a usable PNG, JPEG or SVG picture. Import the picture again.',
  ERR_DESIGN_INVALID:
    'This design file is damaged or not a Badgesmith design. Open another copy, or start a new design.',
  ERR_DESIGN_VERSION_UNSUPPORTED:
    'A newer Badgesmith saved this design. Update Badgesmith to open it.',
  ERR_DESIGN_ASSETS_MISSING:
    'The fonts or icons designs are drawn with are not installed. Run npm ci in Badgesmith’s folder.',
  ERR_DESIGN_ICON_UNKNOWN:
    'A layer uses an icon this Badgesmith does not have. Pick another icon for it.',
  ERR_DESIGN_LAYER_EXISTS:
    'A layer with that id is already in the design. Give the new layer another id.',
  ERR_DESIGN_LAYER_NOT_FOUND:
    'That layer is not in the design (it may have been deleted). Select another layer.',
  ERR_DESIGN_NOT_FOUND:
    'There is no saved design with that id. Run badgesmith design list to see the designs.',
  ERR_DESIGN_SIZE_INVALID:
    'The image size must be a whole number of pixels from 16 to 4096, for example --size 512.',
  ERR_DESIGN_IMAGE_UNSUPPORTED:
    'Only PNG, JPEG and SVG pictures can be placed in a design. Save the picture in one of these formats.',
  ERR_PERSONALISED_ARTWORK_NEEDS_DESIGN:
    'Only a badge whose image is made from a design can carry each earner’s name. Use a design as this badge’s image (Designer, Export, “Use as the image of badge…”), then turn personalised artwork on.',
  ERR_DESIGN_TEMPLATE_UNKNOWN: 'There is no such template. Pick one of the templates shown.',
  ERR_BACKUP_TOO_NEW:
    'A newer Badgesmith made this backup. Update Badgesmith, then restore it again; nothing was written.',
  ERR_DELIVERY_TEMPLATE_INVALID:
    'The e-mail template is not usable. Start it with a "Subject: …" line, then a blank line, then the message; badgesmith deliver template --force writes the original again.',
  ERR_DELIVERY_TEMPLATE_MISSING:
    'The e-mail template cannot be read. Check the path, or write a new one with badgesmith deliver template.',
  ERR_IPC_BAD_REQUEST:
    'The app sent a request Badgesmith cannot use. Restart the app; if it happens again, report it.',
  ERR_IPC_UNKNOWN_CHANNEL:
    'The app asked for something that does not exist. Restart the app; if it happens again, report it.',
  ERR_IPC_UNTRUSTED_SENDER:
    'Only Badgesmith’s own window may use Badgesmith. Close other windows and use the app’s window.',
  ERR_IPC_UNAUTHORISED:
    'This page is not the one Badgesmith opened. Use the address Badgesmith printed when it started.',
  ERR_IPC_TOO_LARGE:
    'That file is too large to send to Badgesmith. Choose a smaller file (the limit is about 48 MB).',
  ERR_APP_NOT_BUILT: 'The app is not built yet. Run npm run build (or npm start), then try again.',
  ERR_APP_UNREACHABLE:
    'Badgesmith is not running any more. Start it again with npm start, then reload this page.',
  ERR_WORKSPACE_LOCKED: 'The keys are locked. Enter the workspace passphrase to unlock them.',
  ERR_ISSUE_RUNNING:
    'Badges are already being issued. Wait for that run to finish, or cancel it, then start again.',
  ERR_ISSUE_JOB_NOT_FOUND:
    'That issuing run is no longer known (the app was restarted). Start it again: nothing is issued twice.',
  ERR_WORKSPACE_NOT_FOUND:
    'That folder holds no Badgesmith workspace. Choose the folder you created your association in.',
  ERR_WORKSPACE_NOT_OPEN: 'No workspace is open. Open your association, or try the sample first.',
  // ── Passphrases and keys ───────────────────────────────────────────────
  ERR_PASSPHRASE_REQUIRED:
    'A passphrase is needed. Set BADGESMITH_PASSPHRASE or run the command in a terminal to be asked for it.',
  ERR_PASSPHRASE_WRONG:
    'The passphrase does not open it. Type the passphrase chosen at badgesmith init (or for the backup).',
  ERR_PASSPHRASE_MISMATCH:
    'The two passphrases differ. Run the command again and type the same passphrase twice.',
  ERR_PASSPHRASE_TOO_SHORT: 'The passphrase is too short. Choose one of at least 8 characters.',
  ERR_KEYSTORE_CORRUPT:
    'The key store is damaged. Restore the keys with badgesmith keys import (or restore a workspace backup).',
  ERR_KEY_INVALID:
    'The key is not usable. Give the public key file the issuer published, or generate a new key with badgesmith keys generate.',
  ERR_KEY_MISMATCH:
    'The verification method names a different key than the private key given. Give the matching key file or --verification-method.',
  ERR_KEY_MISSING:
    'No signing key could be found. Restore the keys (badgesmith keys import), or for an OB 2.0 badge, ask the issuer to name its key.',
  ERR_KEY_NOT_AUTHORIZED:
    'The issuer’s profile does not list the signing key. Ask the issuer to publish the key in its profile.',
  ERR_KEY_NOT_FOUND:
    'No key with that id in this workspace. Run badgesmith keys list to see the keys.',
  ERR_KEY_NOT_PRIVATE:
    'Signing needs the private key, but this is a public key. Give the private key file (badgesmith keys generate --out FILE).',
  ERR_KEY_TAMPERED:
    'A key file was modified or swapped and was not used. Restore the keys from your backup.',
  ERR_KEY_TYPE_MISMATCH:
    'This key cannot make that kind of signature. Use an Ed25519 key for OB 3.0, an RSA key for OB 2.0 signed badges.',
  ERR_KEY_UNAVAILABLE:
    'The signing key is not available offline, so the signature cannot be checked. Provide it with --site or --resolve.',
  ERR_VERIFICATION_METHOD_INVALID:
    'The verification method must be an absolute URL or DID URL, such as did:web:example.org#key-1.',
  ERR_VERIFICATION_METHOD_UNKNOWN:
    'The signing key is not listed in the issuer’s DID document. Provide the right DID document with --did-document.',
  ERR_DID_DOCUMENT_INVALID:
    'This is not a DID document (it has no id). Give the did.json the issuer publishes.',
  ERR_DID_UNRESOLVED:
    'The issuer’s DID document is not available offline. Provide it with --did-document FILE or --site DIR.',
  ERR_LD_DOCUMENT_UNKNOWN:
    'A document the badge refers to has no offline copy. Provide it with --did-document, --site or --resolve.',
  ERR_JWT_KID_REQUIRED:
    'A VC-JWT needs --kid: the id of your public key in your DID document (for example did:web:example.org#key-1).',
  ERR_CREATED_INVALID:
    'The proof date must be an ISO date-time with a time zone, such as 2026-05-31T12:00:00Z.',

  // ── Issuer, badges, awards ─────────────────────────────────────────────
  ERR_ISSUER_NAME_REQUIRED: 'The issuer needs a name. Give it with --name.',
  ERR_ISSUER_URL_INVALID:
    'That is not a web address. Give the organisation’s home page, for example https://example.org/.',
  ERR_BADGE_EXISTS:
    'A badge with that id already exists. Pick another id, or change the existing one with badgesmith badge update.',
  ERR_BADGE_ID_INVALID: 'That badge id is not valid. Use lower-case letters, digits and dashes.',
  ERR_BADGE_NAME_REQUIRED: 'The badge needs a name. Type the name people will see on it.',
  ERR_BADGE_DESCRIPTION_REQUIRED:
    'The badge needs a description. Say in a sentence or two what it recognises.',
  ERR_BADGE_CRITERIA_REQUIRED:
    'Say what earns the badge: write the criteria, give the address of a page that describes them, or both.',
  ERR_BADGE_URL_INVALID:
    'That is not a web address. Give a full address starting with https://, for example https://example.org/criteria.',
  ERR_BADGE_FORMATS_REQUIRED:
    'Choose at least one credential format (Open Badges 3.0 is the usual choice).',
  ERR_ALIGNMENT_NAME_REQUIRED:
    'Each alignment needs the name of the framework or standard it points to. Fill it in or remove the alignment.',
  ERR_ACHIEVEMENT_TYPE_INVALID:
    'That achievement type is unknown. Choose one from the list, or write your own as ext:YourType.',
  ERR_ISSUER_EMAIL_INVALID:
    'That is not a valid e-mail address. Write it like contact@example.org, or leave it empty.',
  ERR_BADGE_NOT_FOUND: 'No badge with that id. Run badgesmith badge list to see the ids.',
  ERR_ARTWORK_MISSING:
    'The badge’s image is missing from the workspace. Set it again with badgesmith badge update --image FILE.',
  ERR_ARTWORK_UNREADABLE:
    'The badge’s image could not be converted for this format. Set an image of that kind (PNG or SVG) with badgesmith badge update --image FILE.',
  ERR_DURATION_INVALID:
    'That is not an ISO 8601 duration. Write it like P1Y, P6M or P90D (and not zero).',
  ERR_AWARD_AMBIGUOUS: 'More than one award starts with that id. Give more characters of it.',
  ERR_AWARD_NOT_FOUND:
    'No such award in this workspace. Run badgesmith credentials list to find it.',
  ERR_CREDENTIAL_NOT_FOUND:
    'No such credential in this workspace. Run badgesmith credentials list to find it.',
  ERR_AWARD_FILE_NOT_FOUND:
    'That file is not one of this award’s files. Open the award again and choose one of the files it lists.',
  ERR_AWARD_FILE_INVALID:
    'The workspace names a file for this credential that Badgesmith never writes, so it is not offered. The workspace looks altered: restore it from a backup.',
  ERR_AWARD_FILE_MISSING:
    'The issued file was moved or deleted after it was issued. Put it back in the folder it was issued to, then try again.',
  ERR_AWARD_FILE_CHANGED:
    'The issued file was changed after it was issued, so it is not offered. Put the original back (from a backup), then try again.',
  ERR_SITE_NOT_BUILT: 'The site is not built yet. Build it first, then preview it.',
  ERR_NOT_REVOCABLE:
    'This credential has no status list entry, so it cannot be revoked. Issue a new one and ask the person to use it instead.',
  ERR_RECIPIENT_MISSING: 'The credential needs a recipient. Give an e-mail address or a DID.',
  ERR_OB2_NEEDS_EMAIL:
    'An OB 2.0 badge needs the recipient’s e-mail address. Add an email column, or issue only OB 3.0 for this person.',
  ERR_ENDORSEMENT_SUBJECT:
    'The endorsement is about another badge. Attach it to the badge it names.',
  ERR_ENDORSEMENT_UNSIGNED: 'The endorsement has no proof. Ask the endorser for the signed file.',
  ERR_ENDORSEMENT_UNVERIFIED:
    'The endorsement does not verify, so it was not attached. Ask the endorser for a valid signed file and their public documents.',
  ERR_ENDORSER_UNKNOWN:
    'Only this workspace’s issuer can sign endorsements here. Attach one signed elsewhere with badgesmith endorse add FILE.',
  ERR_TEXT_INVALID:
    'The text contains a character that cannot be published (a control or invisible character). Retype it without that character.',
  ERR_URL_SEGMENT_INVALID:
    'That name cannot be part of a site URL. Use letters, digits, dots, dashes and underscores.',
  ERR_SIGN_POOL_CLOSED:
    'Signing stopped before the end. Run the same command again: what was issued is not issued twice.',
  ERR_SIGN_WORKER:
    'A signing thread failed; the credentials it held were not signed. Run the same command again.',
  ERR_VERIFY_WORKER: 'A verifying thread failed. Run the command again.',

  // ── CSV of recipients ──────────────────────────────────────────────────
  ERR_CSV_COLUMN_NOT_FOUND:
    'The CSV has no such column. Check the column names on its first line (with --column FIELD=HEADER, write the header as in the file).',
  ERR_CSV_COLUMN_COUNT:
    'This row has a different number of columns than the header. Check for a missing or extra comma on that line.',
  ERR_CSV_DATE_FUTURE:
    'The issue date is in the future. Correct the issued_on column (or leave it empty for today).',
  ERR_CSV_DATE_INVALID: 'That is not a date. Write it as 2026-05-31 or 31/05/2026.',
  ERR_CSV_DID_INVALID: 'That is not a DID. Write it as did:method:… or leave the column empty.',
  ERR_CSV_DUPLICATE_COLUMN:
    'Two columns have the same meaning; only the first is used. Remove or rename the other one.',
  ERR_CSV_DUPLICATE_ROW:
    'This person already appears on an earlier line; each person gets the badge once. Remove the repeated line.',
  ERR_CSV_EMAIL_INVALID:
    'The e-mail address is not valid. Correct it in the CSV and run the same command again: rows already issued are not issued twice.',
  ERR_CSV_ENCODING: 'The CSV file is not UTF-8 text. In your spreadsheet, save it as "CSV UTF-8".',
  ERR_CSV_EVIDENCE_INVALID:
    'The evidence address is not usable. Give a full https:// web address, or leave it empty.',
  ERR_CSV_FIELD_TOO_LONG: 'A value in this row is too long. Shorten it in the CSV.',
  ERR_CSV_MULTILINE_ROW:
    'A quoted value spans several lines. Put the value on one line, or check for a stray quote.',
  ERR_CSV_NO_RECIPIENT_COLUMN:
    'The CSV has no email column. Add a header row with an email (or did) column.',
  ERR_CSV_QUOTE_NOT_CLOSED:
    'A quote is opened and never closed. Remove that quote or close it with another one.',
  ERR_CSV_RECIPIENT_MISSING:
    'The row has no e-mail address (nor a DID). Fill it in, or remove the row.',
  ERR_CSV_RECORD_TOO_LARGE:
    'A row is far too long to be a recipient (often a stray quote). Check the quotes on those lines.',
  ERR_CSV_TEXT_INVALID:
    'A name or narrative contains a character that cannot be published. Retype it without that character.',
  ERR_CSV_UNKNOWN_COLUMN:
    'A column is not used. Known columns: email, name, did, issued_on, evidence_url, narrative.',

  // ── JSON, images, baking ───────────────────────────────────────────────
  ERR_JSON_INVALID:
    'The file is not valid JSON. Check that it is the file you meant, or export it again.',
  ERR_JSON_TOO_DEEP:
    'The JSON nests too deeply for a badge, key or DID document; it was refused unread. Check that it is the file you meant.',
  ERR_JSON_TOO_LARGE:
    'The JSON is larger than a badge, key or DID document can be. Check that it is the file you meant.',
  ERR_BUFFER_TOO_LARGE:
    'The image data is longer than its size says. Export the image again from your drawing tool.',
  ERR_IMAGE_TOO_LARGE:
    'The image is too large for a badge. Export it smaller (at most a few thousand pixels a side).',
  ERR_IMAGE_UNSUPPORTED:
    'Open Badges can only be baked into PNG or SVG images. Convert the image to PNG first.',
  ERR_PNG_CORRUPT: 'This PNG is damaged. Export the image again from your drawing tool.',
  ERR_SVG_DOCTYPE:
    'This SVG declares entities in its DOCTYPE, which is refused. Remove the <!DOCTYPE …> block and save it again.',
  ERR_SVG_INVALID:
    'This SVG is not well-formed UTF-8 XML. Save it again as plain SVG (UTF-8) from your drawing tool.',
  ERR_SVG_TOO_DEEP:
    'This SVG nests elements too deeply. Flatten its groups in your drawing tool and save it again.',
  ERR_SVG_UNSAFE:
    'This SVG holds content a browser would run or fetch. Import it with badgesmith badge update --image FILE, which removes that content.',
  ERR_NOT_BAKED:
    'This image contains no Open Badges credential. Choose the baked image the issuer sent (not the badge artwork), or bake one with badgesmith bake.',
  ERR_PAYLOAD_INVALID:
    'The credential cannot be baked as it is. Give the credential file Badgesmith issued (.json or .jws).',
  ERR_PAYLOAD_TOO_LARGE:
    'The credential is too large to bake into an image. Remove large embedded images from it, or share the .json file instead.',

  // ── Published site ─────────────────────────────────────────────────────
  ERR_SITE_ARTWORK_INVALID:
    'A badge’s image is recorded under a name that is not in the artwork folder, so it is not published. Set the image again with badge update --image.',
  ERR_SITE_ARTWORK_MISSING:
    'A badge’s image is missing from the artwork folder. Set it again with badgesmith badge update --image FILE.',
  ERR_SITE_CREDENTIAL_MISSING:
    'An issued file was moved or deleted. Put it back, or run badgesmith issue again to write it.',
  ERR_SITE_CREDENTIAL_PATH_INVALID:
    'The workspace records an issued file at a path that cannot be used. Issue that credential again.',
  ERR_SITE_MANIFEST_INVALID:
    'The site’s manifest is damaged. Build the site again into an empty folder.',
  ERR_SITE_MODEL_INVALID:
    'The site cannot be built from this workspace (the issuer DID and site URL disagree, or two files share a path). Check badgesmith issuer show.',
  ERR_SITE_NOT_FOUND:
    'That folder is not a site built by Badgesmith. Run badgesmith site build --out DIR first.',
  ERR_SITE_OUT_INVALID: 'The --out path is a file. Give a folder for the site.',
  ERR_SITE_OUT_NOT_EMPTY:
    'The --out folder is not empty and is not a Badgesmith site. Choose an empty or new folder.',
  ERR_SITE_PATH_BLOCKED:
    'A file is where the site needs a folder. Move it away and build the site again.',
  ERR_SITE_PATH_INVALID:
    'A site file path is not a safe relative path. Build the site again from the workspace.',
  ERR_SITE_PATH_OUTSIDE:
    'A symbolic link in the site folder leads outside it; nothing was written through it. Remove the link and build again.',
  ERR_SITE_SOURCE_CHANGED:
    'An issued file changed after it was issued, so it is not published. Put back the original or issue it again.',
  ERR_SITE_SOURCE_HASH_INVALID:
    'The recorded hash of an issued file is damaged, so it is not published. Issue that credential again.',
  ERR_SITE_SOURCE_MISSING:
    'An issued file cannot be read; was the output folder moved or deleted? Put it back or issue again.',
  ERR_SITE_URL_INVALID:
    'The site URL must be an https:// address, such as https://badges.example.org/club/.',
  ERR_SITE_URL_UNSAFE:
    'An address stored in the workspace is not an http(s) web address. Correct it and build the site again.',

  // ── Verification ───────────────────────────────────────────────────────
  ERR_FORMAT_UNKNOWN:
    'This is not a badge. Choose a baked PNG or SVG image, or a .json / .jws credential.',
  ERR_UNVERIFIABLE:
    'This badge cannot be verified in the form given. Verify the signed file (.jws) or the baked image instead.',
  ERR_VERIFY_INTERNAL:
    'The badge could not be verified because of an unexpected problem. Try again; if it persists, report it with the file.',
  ERR_CHECK_FAILED:
    'A check failed. See the other checks for details, or ask the issuer for a fresh copy.',
  ERR_CREDENTIAL_INVALID:
    'The credential does not follow the Open Badges rules. Ask the issuer to issue it again.',
  ERR_CREDENTIAL_LEGACY:
    'This credential uses the older VCDM 1.1 model. It is accepted; ask the issuer to reissue it as VCDM 2.0.',
  ERR_ASSERTION_INVALID:
    'The Open Badges 2.0 assertion is incomplete. Ask the issuer to issue it again.',
  ERR_SUBJECT_MISSING:
    'The credential says nothing about who earned it. Ask the issuer to issue it again.',
  ERR_SUBJECT_UNIDENTIFIED:
    'The credential names no recipient: anyone holding the file can present it as theirs. Ask for the person’s name or e-mail to be sure.',
  ERR_ISSUER_MISSING: 'The credential names no issuer. Ask the issuer to issue it again.',
  ERR_ISSUER_INVALID:
    'The issuer’s profile or the badge description is incomplete. Ask the issuer to complete them.',
  ERR_ISSUER_KEY_MISMATCH:
    'The signing key is not the issuer’s: someone else may have made this badge. Contact the issuer before trusting it.',
  ERR_ISSUER_KEY_UNKNOWN:
    'The signing key cannot be linked to the issuer because the signature does not verify.',
  ERR_ISSUER_UNCONFIRMED:
    'Nothing published by the issuer confirms the signing key. Provide the issuer’s documents with --site, --resolve or --did-document.',
  ERR_PROOF_INVALID:
    'The signature does not verify: the badge was changed after signing, or signed with another key. Ask the issuer for the original file.',
  ERR_PROOF_MISSING:
    'The credential has no proof (it is unsigned). Ask the issuer for the signed file.',
  ERR_PROOF_UNSUPPORTED:
    'The credential is signed with a method Badgesmith cannot check (it supports eddsa-rdfc-2022 and Ed25519Signature2020).',
  ERR_JWS_INVALID:
    'The signed text is damaged (not a compact JWS). Ask the issuer for the original file.',
  ERR_JWT_ALG_UNSUPPORTED:
    'The token is signed with an algorithm Open Badges does not allow. Ask the issuer to sign with RS256 or ES256.',
  ERR_JWT_CLAIMS_INVALID:
    'The token’s claims do not match the credential inside it. Ask the issuer to issue it again.',
  ERR_JWT_HEADER_INVALID:
    'The token header has members Open Badges does not allow. Ask the issuer to issue it again.',
  ERR_JWT_KEY_MISSING:
    'The token names no key, so its signature cannot be checked. Ask the issuer to sign it with a published key.',
  ERR_JWT_KEY_PRIVATE:
    'The published key contains private key material. Tell the issuer: they must publish only the public key.',
  ERR_JWT_KEY_UNAVAILABLE:
    'The key named by the token is not available offline. Provide the issuer’s key with --site DIR, --resolve URL_PREFIX=DIR or --did-document FILE.',
  ERR_DATE_INVALID:
    'A date in the badge is not a valid date-time. Ask the issuer to issue it again.',
  ERR_NOT_YET_VALID:
    'This badge is not valid yet. Check the computer’s clock, or wait until its start date.',
  ERR_EXPIRED: 'This badge has expired. Ask the issuer whether it can be renewed.',
  ERR_REVOKED:
    'The issuer has revoked this badge. Contact the issuer if you think this is a mistake.',
  ERR_SUSPENDED: 'The issuer has suspended this badge for now. Contact the issuer to know more.',
  ERR_STATUS_INVALID:
    'The badge’s status information is malformed, so revocation cannot be checked. Ask the issuer to issue it again.',
  ERR_STATUS_INDEX:
    'The status index is outside the status list. Ask the issuer to issue the badge again.',
  ERR_STATUS_LIST_INVALID:
    'The issuer’s status list cannot be trusted or read. Ask the issuer to publish its site again.',
  ERR_STATUS_UNAVAILABLE:
    'The issuer’s status list is not available offline, so revocation is unknown. Provide it with --site or --resolve.',
  ERR_STATUS_UNSUPPORTED:
    'The badge uses a status method Badgesmith does not know, so revocation could not be checked.',
  ERR_REVOCATION_LIST_INVALID:
    'The issuer’s revocation list is malformed. Ask the issuer to publish it again.',
  ERR_RECIPIENT_MISMATCH:
    'This badge was not issued to that address. Check the spelling, or ask the person which address the issuer used.',
  ERR_RECIPIENT_HASH_UNSUPPORTED:
    'The recipient is hashed with an algorithm that cannot be checked (only sha256 can).',
  ERR_HOSTED_INVALID:
    'The issuer’s hosted copy of this badge is not a valid assertion. Ask the issuer to publish it again.',
  ERR_HOSTED_MISMATCH:
    'The badge differs from the copy its issuer hosts. Ask the issuer for the current file.',
  ERR_ORIGIN_MISMATCH:
    'The badge or its key is published outside the issuer’s own web site. Do not trust it without asking the issuer.',
  ERR_UNRESOLVABLE:
    'A document needed for the check is not available offline. Provide it with --site DIR, --resolve URL_PREFIX=DIR or --did-document FILE.',
  ERR_ENDORSEMENT_INVALID:
    'An endorsement does not verify. The badge itself may still be valid; ask the endorser for a valid endorsement.',

  // ── Verifier checks: names and what passing means ─────────────────────
  'check.format': 'Format',
  'check.schema': 'Structure',
  'check.subject': 'Recipient named',
  'check.issuer': 'Issuer',
  'check.proof': 'Signature',
  'check.issuer-key': 'Issuer’s key',
  'check.key': 'Signing key',
  'check.dates': 'Dates',
  'check.status': 'Revocation status',
  'check.revocation': 'Revocation',
  'check.endorsements': 'Endorsements',
  'check.recipient': 'Recipient',
  'check.hosted': 'Hosted copy',
  'check.origin': 'Origin',
  'check.format.ok': 'The file is an Open Badges badge.',
  'check.schema.ok': 'The badge has every property Open Badges requires.',
  'check.subject.ok': 'The badge names its recipient.',
  'check.issuer.ok': 'The badge names its issuer.',
  'check.proof.ok': 'The signature verifies.',
  'check.issuer-key.ok': 'The signing key is the issuer’s.',
  'check.key.ok': 'The signing key is published by the issuer.',
  'check.dates.ok': 'The badge is within its validity dates.',
  'check.status.ok': 'The issuer has not revoked this badge.',
  'check.revocation.ok': 'The issuer has not revoked this badge.',
  'check.endorsements.ok': 'Every endorsement verifies.',
  'check.recipient.ok': 'The badge was issued to that address.',
  'check.hosted.ok': 'The badge matches its issuer’s hosted copy.',
  'check.origin.ok': 'The badge is published on its issuer’s own web site.',

  // ── Verifier sentences, with their context ────────────────────────────
  'verify.offlineHint':
    'Badgesmith never downloads anything: provide a copy with --site DIR, --resolve URL_PREFIX=DIR or --did-document FILE.',
  'verify.unresolvable.assertion':
    'The hosted assertion {url} is not available offline. Badgesmith never downloads anything: provide a copy with --site DIR, --resolve URL_PREFIX=DIR or --did-document FILE.',
  'verify.unresolvable.badgeClass':
    'The BadgeClass {url} is not available offline. Badgesmith never downloads anything: provide a copy with --site DIR, --resolve URL_PREFIX=DIR or --did-document FILE.',
  'verify.unresolvable.issuerProfile':
    'The issuer profile {url} is not available offline. Badgesmith never downloads anything: provide a copy with --site DIR, --resolve URL_PREFIX=DIR or --did-document FILE.',
  'verify.unresolvable.revocationList':
    'The revocation list {url} is not available offline. Badgesmith never downloads anything: provide a copy with --site DIR, --resolve URL_PREFIX=DIR or --did-document FILE.',
  'verify.unresolvable.signingKey':
    'The signing key {url} is not available offline. Badgesmith never downloads anything: provide a copy with --site DIR, --resolve URL_PREFIX=DIR or --did-document FILE.',
  'verify.format.empty': 'The file is empty.',
  'verify.format.emptyPayload': 'The badge payload is empty.',
  'verify.format.notBadge':
    'This is not a badge: expected a JSON credential, a compact JWS or a baked PNG/SVG image.',
  'verify.format.jsonInvalid': 'The badge looks like JSON but does not parse.',
  'verify.format.jwsNotBadge': 'The JWS does not carry an Open Badges credential or assertion.',
  'verify.format.notObject': 'The JSON document is not an object, so it is not a badge.',
  'verify.format.ob2PlainSigned':
    'This signed Open Badges 2.0 assertion was given as plain JSON; verify its JWS (the .jws file or the baked image) instead.',
  'verify.format.ob2Other':
    'This is an Open Badges 2.0 {type}, not an assertion: verify the badge (assertion) that refers to it.',
  'verify.format.neither':
    'The JSON document is neither an Open Badges 3.0 credential nor an Open Badges 2.0 / 1.x assertion.',
  'verify.format.urlOnly': 'The badge carries only the URL {url} of its hosted assertion.',
  'verify.format.unverifiable': 'The badge could not be verified.',
  'verify.format.jwtNoCredential': 'The JWT does not carry a credential.',
  'verify.format.ob3Jwt': 'Open Badges 3.0 credential (VCDM {vcdm}, VC-JWT).',
  'verify.format.ob3Embedded': 'Open Badges 3.0 credential (VCDM {vcdm}, embedded proof).',
  'verify.format.ob3Unsigned': 'Open Badges 3.0 credential (VCDM {vcdm}, no proof: unsigned).',
  'verify.format.ob2Hosted': 'Open Badges 2.0 assertion, hosted verification.',
  'verify.format.ob2Signed': 'Open Badges 2.0 assertion, signed verification (JWS).',
  'verify.format.ob1':
    'Legacy Open Badges 1.x assertion: only its hosted copy, dates and recipient can be checked.',
  'verify.schema.missing': 'The credential lacks required properties: {properties}.',
  'verify.schema.legacy':
    'Legacy VCDM 1.1 {type}: accepted without the OB 3.0 (VCDM 2.0) schema rules; ask the issuer to reissue it as VCDM 2.0.',
  'verify.schema.invalid': 'The {type} does not follow the Open Badges 3.0 schema.',
  'verify.schema.ob3': 'The {type} follows the Open Badges 3.0 schema.',
  'verify.schema.revokedAssertion': 'A revoked assertion: only id and revoked are required.',
  'verify.schema.ob2Missing':
    'The Open Badges 2.0 assertion lacks required properties: {properties}.',
  'verify.schema.ob2': 'The assertion has every property Open Badges 2.0 requires.',
  'verify.subject.missing': 'The credential has no credentialSubject object.',
  'verify.subject.id': 'The recipient is identified by {id}.',
  'verify.subject.identifier': 'The recipient is identified by {kinds}.',
  'verify.subject.identifierHashed': 'The recipient is identified by {kinds} (hashed).',
  'verify.subject.unidentified':
    'The credential names no recipient (neither an id nor an identifier): anyone holding the file can present it as theirs.',
  'verify.issuer.missing': 'The credential names no issuer.',
  'verify.issuer.named': 'The credential names the issuer {issuer}.',
  'verify.issuer.namedBareUrl':
    'The credential names the issuer {issuer}. Note: the 1EdTech validator requires the issuer as an embedded Profile object, not a bare URL.',
  'verify.issuer.namedNoProfile':
    'The credential names the issuer {issuer}. Note: the 1EdTech validator requires the issuer’s type to include Profile.',
  'verify.issuer.ob2': 'Badge "{badge}" issued by {issuer}.',
  'verify.issuer.ob2Incomplete': 'The badge description or the issuer profile is incomplete.',
  'verify.proof.di': 'The {suite} proof verifies with the key {key}.',
  'verify.proof.notVerified': 'The proof does not verify.',
  'verify.proof.rs256': 'The RS256 signature verifies with the key {key}.',
  'verify.proof.changed':
    'The signature does not verify with the key {key}: the badge was changed after signing or signed with another key.',
  'verify.proof.jwt': 'The JWT signature ({alg}) verifies with the key {key}.',
  'verify.proof.jwtHeader': 'The JWT signature ({alg}) verifies with the key in the JWT header.',
  'verify.proof.jwtChanged':
    'The JWT signature does not verify with the key {key}: the badge was changed after signing or signed with another key.',
  'verify.proof.jwtHeaderChanged':
    'The JWT signature does not verify with the key in the JWT header: the badge was changed after signing or signed with another key.',
  'verify.proof.jwtKeyUnavailable':
    'The key {key} named by the JWT is not available offline. Badgesmith never downloads anything: provide a copy with --site DIR, --resolve URL_PREFIX=DIR or --did-document FILE.',
  'verify.proof.didUnresolved':
    'The DID document for the key {key} is not available offline. Badgesmith never downloads anything: provide a copy with --site DIR, --resolve URL_PREFIX=DIR or --did-document FILE.',
  'verify.proof.keyNotInDid': 'The DID document does not list the key {key}.',
  'verify.issuerKey.proofFailed':
    'The signing key cannot be linked to the issuer because the proof made with it does not verify.',
  'verify.issuerKey.signatureFailed':
    'The signing key cannot be linked to the issuer because the signature made with it does not verify.',
  'verify.issuerKey.noIssuer': 'The credential names no issuer, so no key can be linked to one.',
  'verify.issuerKey.foreign':
    'The key is not the issuer’s: the key {key} belongs to {owner}, not to the issuer {issuer}.',
  'verify.issuerKey.notListed':
    'The key is not the issuer’s: {documents} does not list the key {key} for assertions.',
  'verify.issuerKey.notListedHeader':
    'The key is not the issuer’s: {documents} does not list the key in the JWT header for assertions.',
  'verify.issuerKey.unconfirmed':
    'Nothing shows that the issuer {issuer} holds the key {key}: its own documents are not available, and a signature alone proves nothing about who made it. Badgesmith never downloads anything: provide a copy with --site DIR, --resolve URL_PREFIX=DIR or --did-document FILE.',
  'verify.issuerKey.unconfirmedHeader':
    'Nothing shows that the issuer {issuer} holds the key in the JWT header: its own documents are not available, and a signature alone proves nothing about who made it. Badgesmith never downloads anything: provide a copy with --site DIR, --resolve URL_PREFIX=DIR or --did-document FILE.',
  'verify.issuerKey.bound':
    'The signing key is the issuer’s: its document lists {method} for assertions.',
  'verify.issuerKey.boundVia':
    'The signing key is the issuer’s: the {document} document lists {method} for assertions.',
  'verify.key.published': 'The signing key {key} is published by the issuer {issuer}.',
  'verify.key.notListed':
    'The issuer profile {issuer} does not list the key {key} in its publicKey.',
  'verify.key.otherOwner': 'The key {key} belongs to {owner}, not to the issuer {issuer}.',
  'verify.dates.invalid': '{name} {value} is not a valid date-time.',
  'verify.dates.notYet':
    'This badge is not valid yet: {name} is {from}, after the current time {now}.',
  'verify.dates.expired': 'This badge expired on {until} ({name}).',
  'verify.dates.window': 'Valid from {from} until {until}.',
  'verify.dates.until': 'Valid until {until}.',
  'verify.dates.from': 'Valid from {from}; it does not expire.',
  'verify.dates.none': 'The badge has no validity dates.',
  'verify.revoked': 'This badge has been revoked by its issuer.',
  'verify.revokedReason': 'This badge has been revoked by its issuer. Reason: {reason}',
  'verify.revokedList': 'This badge has been revoked by its issuer (revocation list {url}).',
  'verify.revokedListReason':
    'This badge has been revoked by its issuer (revocation list {url}). Reason: {reason}',
  'verify.suspended': 'This badge is currently suspended by its issuer.',
  'verify.status.notRevoked': 'The issuer’s status list shows this badge as not revoked.',
  'verify.status.notSuspended': 'The issuer’s status list shows this badge as not suspended.',
  'verify.status.unsupported':
    'The status method {type} is not supported, so revocation could not be checked.',
  'verify.status.unavailable':
    'The status list {url} is not available offline, so it is unknown whether the issuer revoked this badge. Badgesmith never downloads anything: provide a copy with --site DIR, --resolve URL_PREFIX=DIR or --did-document FILE.',
  'verify.status.untrusted': 'The status list {url} cannot be trusted.',
  'verify.status.revocationListClear': 'The issuer’s revocation list does not list this badge.',
  'verify.revocation.notMarked': 'The assertion is not marked revoked.',
  'verify.revocation.notMarkedNoList':
    'The assertion is not marked revoked and its issuer publishes no revocation list.',
  'verify.revocation.listClear': 'The issuer’s revocation list {url} does not list this badge.',
  'verify.endorsements.one': 'The endorsement verifies.',
  'verify.endorsements.all': 'All {count} endorsements verify.',
  'verify.endorsements.failed': '{failed} of {total} endorsements do not verify.',
  'verify.recipient.match': 'The badge was issued to {email}.',
  'verify.recipient.mismatch':
    'This badge was not issued to {email}: the recipient identity in the badge does not match that address.',
  'verify.recipient.none': 'The assertion has no recipient identity to compare with.',
  'verify.recipient.notEmail': 'The recipient is identified by {type}, not by an email address.',
  'verify.hosted.matches': 'The assertion matches its hosted copy at {url}.',
  'verify.hosted.differs':
    'The hosted copy at {url} was verified; it differs from the given copy, and the hosted one is authoritative.',
  'verify.hosted.badgeMatches': 'The badge matches its hosted copy at {url}.',
  'verify.hosted.badgeDiffers': 'The badge differs from its hosted copy at {url}.',
  'verify.origin.notHttp':
    'The issuer id {issuer} is not an http(s) URL, so the hosting scope was not checked.',
  'verify.origin.scope': 'The assertion is hosted within the issuer’s scope ({hosts}).',
  'verify.origin.scopeAny': 'The assertion is hosted within the issuer’s scope.',
  'verify.origin.keyHost': 'The signing key and the issuer profile are both published on {host}.',
  'verify.origin.keyHostMismatch':
    'The signing key is published on {keyHost} but the issuer profile on {issuerHost}.',

  // ── Generic ────────────────────────────────────────────────────────────
  unknown: 'Something went wrong ({code}). See the details above, or run the command with --help.',
} as const;

export type MessageKey = keyof typeof EN;
