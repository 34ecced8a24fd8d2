import { reuploadRefused, uploadedDataMatches } from '../../../checks/rules/upload-effects.js';
import { LifecycleCommand, succeeded } from './command.js';
import { activeImages, type LifecycleModel } from './model.js';
import type { LifecycleSystem } from './system.js';

const OTHER_BYTES = Buffer.from('ims-conformance second upload, to be refused\n');

/** The owner uploads again into an active image: refused with 409, and the image keeps the data of the first upload. */
export class ReuploadCommand extends LifecycleCommand {
  check(model: Readonly<LifecycleModel>): boolean {
    return activeImages(model).some((i) => i.data !== undefined);
  }

  protected label(): string {
    return `upload-again(#${this.pick})`;
  }

  protected async act(model: LifecycleModel, system: LifecycleSystem): Promise<void> {
    const image = this.choose(activeImages(model).filter((i) => i.data !== undefined));
    const first = image.data;
    if (!first) return;
    this.resolved = `upload-again(${image.id})`;
    const id = { image_id: image.id };
    const again = await system.send(system.ops.upload, system.who.owner, { params: id, body: OTHER_BYTES, mediaType: 'application/octet-stream' });
    const shown = await system.send(system.ops.show, system.who.owner, { params: id });
    // A second upload the target took replaced the data: later size filters must look for the new bytes.
    if (succeeded(again)) image.data = OTHER_BYTES;
    system.judge([
      { exchange: again, checkId: 'upload-conflict', check: reuploadRefused },
      { exchange: shown, checkId: 'upload-conflict', check: uploadedDataMatches({ bytes: first, strict: system.strictData }) },
    ]);
  }
}
