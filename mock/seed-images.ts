import type { MockState } from './context.js';

/** The images a fresh region shows every project: one public (gold) image owned by the platform. */
export function seedImages(state: MockState): void {
  state.images.create({
    name: 'ims-public-cirros',
    owner: 'ims-platform',
    visibility: 'public',
    status: 'active',
    protected: true,
    minDisk: 1,
    diskFormat: 'qcow2',
    containerFormat: 'bare',
    size: 21430272,
    checksum: 'c8fc807773e5354afe61636071771906',
    extra: {
      __imagetype: 'gold',
      __os_type: 'Linux',
      __os_bit: '64',
      __os_version: 'CirrOS 0.6.2 64bit',
      __platform: 'Other',
    },
  });
}
