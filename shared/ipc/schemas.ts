/** Building blocks shared by the IPC contract's groups. */
import * as v from 'valibot';

/** Longest text a form field may send (a description or a criteria narrative). */
export const MAX_TEXT = 20_000;
/** Largest file the UI may send through the contract (base64 text), about 48 MB of bytes. */
export const MAX_BASE64 = 64 * 1024 * 1024;

export const text = (max = 500) => v.pipe(v.string(), v.maxLength(max));
export const longText = v.pipe(v.string(), v.maxLength(MAX_TEXT));
export const nonEmpty = (max = 500) =>
  v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max));
export const isoDateTime = v.pipe(v.string(), v.maxLength(40));
export const language = v.picklist(['en', 'fr']);
export const base64Bytes = v.pipe(v.string(), v.maxLength(MAX_BASE64), v.base64());
export const fileName = v.pipe(v.string(), v.minLength(1), v.maxLength(255));
export const empty = v.strictObject({});
export const count = v.pipe(v.number(), v.integer(), v.minValue(0));

/** A file the user dropped or picked: its name (for messages and type detection) and its bytes. */
export const droppedFile = v.strictObject({ name: fileName, base64: base64Bytes });

/** A channel's request and response validators. */
export interface ChannelSpec {
  readonly req: v.GenericSchema;
  readonly res: v.GenericSchema;
}
