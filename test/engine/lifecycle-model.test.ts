import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deletedImages,
  emptyModel,
  everSharedImages,
  imageCreated,
  imageDeleted,
  imageRenamed,
  imageUploaded,
  liveImages,
  memberAdded,
  memberRemoved,
  memberStatusSet,
  memberView,
  ownerView,
  queuedImages,
  shareableImages,
  sharedImages,
  type LifecycleModel,
} from '../../src/engine/scenarios/lifecycle/model.js';

const MEMBER = 'p-member';

function withImage(): { model: LifecycleModel; id: string } {
  const model = emptyModel(MEMBER);
  imageCreated(model, 'img-1', 'run-lifecycle');
  return { model, id: 'img-1' };
}

describe('lifecycle model: image transitions', () => {
  it('creates a queued, live image that the owner reads and lists', () => {
    const { model } = withImage();
    const [image] = model.images;
    expect(image).toMatchObject({ id: 'img-1', name: 'run-lifecycle', status: 'queued', deleted: false });
    expect(ownerView(image!)).toEqual({ readable: true, listed: true });
    expect(queuedImages(model)).toEqual([image]);
  });

  it('upload makes it active (no longer an upload candidate); rename changes only the name', () => {
    const { model } = withImage();
    const image = model.images[0]!;
    imageUploaded(image);
    imageRenamed(image, 'renamed');
    expect(image).toMatchObject({ status: 'active', name: 'renamed', deleted: false });
    expect(queuedImages(model)).toEqual([]);
    expect(liveImages(model)).toEqual([image]);
  });

  it('a deleted image stays in the model for the use-after-delete probes, invisible to everyone', () => {
    const { model } = withImage();
    const image = model.images[0]!;
    memberAdded(image, MEMBER);
    memberStatusSet(image, MEMBER, 'accepted');
    imageDeleted(image);
    expect(liveImages(model)).toEqual([]);
    expect(deletedImages(model)).toEqual([image]);
    expect(ownerView(image)).toEqual({ readable: false, listed: false });
    expect(memberView(image, MEMBER)).toEqual({ readable: false, listed: false });
    expect(sharedImages(model)).toEqual([]);
    expect(everSharedImages(model)).toEqual([image]);
  });
});

describe('lifecycle model: Glance member semantics', () => {
  it.each([
    ['never shared', [], { readable: false, listed: false }],
    ['pending', ['add'], { readable: true, listed: false }],
    ['accepted', ['add', 'accepted'], { readable: true, listed: true }],
    ['rejected', ['add', 'rejected'], { readable: true, listed: false }],
    ['rejected, then accepted', ['add', 'rejected', 'accepted'], { readable: true, listed: true }],
    ['removed by the owner', ['add', 'accepted', 'remove'], { readable: false, listed: false }],
    ['shared again after removal', ['add', 'accepted', 'remove', 'add'], { readable: true, listed: false }],
  ] as const)('%s → %j', (_name, steps, view) => {
    const { model } = withImage();
    const image = model.images[0]!;
    for (const step of steps) {
      if (step === 'add') memberAdded(image, MEMBER);
      else if (step === 'remove') memberRemoved(image, MEMBER);
      else memberStatusSet(image, MEMBER, step);
    }
    expect(memberView(image, MEMBER)).toEqual(view);
    expect(sharedImages(model).length).toBe(view.readable ? 1 : 0);
    expect(shareableImages(model).length).toBe(view.readable ? 0 : 1);
  });

  it('another project sees nothing of a share that is not its own', () => {
    const { model } = withImage();
    memberAdded(model.images[0]!, MEMBER);
    expect(memberView(model.images[0]!, 'p-stranger')).toEqual({ readable: false, listed: false });
  });

  it('offers no sharing without a member project', () => {
    const model = emptyModel();
    imageCreated(model, 'img-1', 'n');
    expect(shareableImages(model)).toEqual([]);
    expect(sharedImages(model)).toEqual([]);
    expect(everSharedImages(model)).toEqual([]);
  });

  it('whatever the transitions, a member never lists what it cannot read, and the candidate sets agree with the views', () => {
    const step = fc.constantFrom('upload', 'add', 'accepted', 'rejected', 'remove', 'delete');
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
        const { model } = withImage();
        const image = model.images[0]!;
        for (const s of steps) {
          if (s === 'upload') imageUploaded(image);
          else if (s === 'add') memberAdded(image, MEMBER);
          else if (s === 'remove') memberRemoved(image, MEMBER);
          else if (s === 'delete') imageDeleted(image);
          else memberStatusSet(image, MEMBER, s);
        }
        const view = memberView(image, MEMBER);
        expect(!view.listed || view.readable).toBe(true);
        expect(sharedImages(model).includes(image)).toBe(view.readable);
        expect(liveImages(model).includes(image)).toBe(ownerView(image).readable);
      }),
      { seed: 20261122 },
    );
  });
});
