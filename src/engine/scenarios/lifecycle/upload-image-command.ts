import { statusExpected } from '../../../checks/scenario-checks.js';
import { downloadedDataMatches, uploadedDataMatches } from '../../../checks/rules/upload-effects.js';
import { waitForStatus } from '../../preconditions.js';
import { LifecycleCommand, succeeded } from './command.js';
import { LifecycleStopped } from './errors.js';
import { imageUploaded, queuedImages, type LifecycleModel } from './model.js';
import type { LifecycleSystem, Rule } from './system.js';

export const BYTES = Buffer.from('ims-conformance lifecycle image\n'.repeat(32));

/**
 * The owner uploads data into a queued image; it must be accepted as documented, then become active, and a read
 * must show the size and digests of the bytes sent, and the download (where the spec has it) the bytes themselves
 * (`upload-integrity`, reported under the image read: the download is a probe, not an operation under test).
 */
export class UploadImageCommand extends LifecycleCommand {
  check(model: Readonly<LifecycleModel>): boolean {
    return queuedImages(model).length > 0;
  }

  protected label(): string {
    return `upload(#${this.pick})`;
  }

  protected async act(model: LifecycleModel, system: LifecycleSystem): Promise<void> {
    const image = this.choose(queuedImages(model));
    this.resolved = `upload(${image.id})`;
    const op = system.ops.upload;
    const uploaded = await system.send(op, system.who.owner, { params: { image_id: image.id }, body: BYTES, mediaType: 'application/octet-stream' });
    const rules: Rule[] = [{ exchange: uploaded, checkId: 'status-expected', check: statusExpected(op.successStatuses) }];
    // A refused upload leaves the image queued, as the model does.
    if (!succeeded(uploaded)) return system.judge(rules);
    // Real clouds turn an upload active asynchronously; a target that never does leaves nothing to go on with.
    const active = await waitForStatus(system.ctx, image.id, 'active');
    if (!active.ok) {
      system.record(rules);
      throw new LifecycleStopped(active.error, 'error');
    }
    imageUploaded(image, BYTES);
    const shown = await system.send(system.ops.show, system.who.owner, { params: { image_id: image.id } });
    rules.push({ exchange: shown, checkId: 'upload-integrity', check: uploadedDataMatches({ bytes: BYTES, strict: system.strictData }) });
    const { download } = system.ops;
    if (download) {
      const downloaded = await system.send(download, system.who.owner, { params: { image_id: image.id } });
      rules.push({ exchange: downloaded, checkId: 'upload-integrity', check: downloadedDataMatches(BYTES), reportAs: system.ops.show });
    }
    system.judge(rules);
  }
}
