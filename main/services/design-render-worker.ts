// Worker thread for personalised badge images (see design-render-pool.ts).
import { parentPort } from 'node:worker_threads';
import { toBadgeError } from '../../shared/errors.js';
import { createFieldPngRenderer, type FieldPngRenderer } from './design-render-fields.js';
import type { DesignRenderMessage, DesignRenderReply } from './design-render-pool.js';

const port = parentPort;
if (port) {
  let start: (() => FieldPngRenderer) | undefined;
  let renderer: FieldPngRenderer | undefined;
  port.on('message', (message: DesignRenderMessage) => {
    if (message.kind === 'design') {
      start = () => createFieldPngRenderer(message.design, message.size);
      renderer = undefined;
      return;
    }
    try {
      if (!start) throw new Error('No design was sent to this thread.');
      renderer ??= start();
      const png = renderer.render(message.fields);
      port.postMessage({ id: message.id, png } satisfies DesignRenderReply, [
        png.buffer as ArrayBuffer,
      ]);
    } catch (error) {
      const { code, message: text } = toBadgeError(error);
      port.postMessage({
        id: message.id,
        error: { code, message: text },
      } satisfies DesignRenderReply);
    }
  });
}
