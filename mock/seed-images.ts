import type { MockState } from './context.js';

/**
 * The images a fresh region shows every project: one public (gold) image owned by the platform, published long
 * before any run (the list page's example date), so a list of it and a run's images has an order to keep.
 */
export function seedImages(state: MockState): void {
  const gold = state.images.create({
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
  gold.createdAt = '2018-09-06T14:03:27Z';
  gold.updatedAt = gold.createdAt;
}

const OS_CHOICES = [
  { os: 'Linux', platform: 'Ubuntu', version: 'Ubuntu 22.04 server 64bit' },
  { os: 'Linux', platform: 'CentOS', version: 'CentOS 7.9 64bit' },
  { os: 'Linux', platform: 'Debian', version: 'Debian GNU/Linux 12.0.0 64bit' },
  { os: 'Windows', platform: 'Windows', version: 'Windows Server 2019 Standard 64bit' },
];

/**
 * `--seed-images N`: a region that already has images, as a client author expects one — every third a public
 * (gold) image of the platform, the rest private images of the first project, active with realistic IMS attributes.
 * Drawn from the mock's seeded randomness, so the same seed gives the same region.
 */
export function seedSampleImages(state: MockState, count: number): void {
  const owner = state.identity.projects.primary.id;
  for (let i = 0; i < count; i++) {
    const pick = OS_CHOICES[Math.floor(state.random() * OS_CHOICES.length)] ?? OS_CHOICES[0]!;
    const gold = i % 3 === 0;
    const size = 1 + Math.floor(state.random() * 40) * 1024 * 1024 * 1024;
    state.images.create({
      name: `${gold ? 'public' : 'sample'}-${pick.platform.toLowerCase()}-${String(i + 1).padStart(3, '0')}`,
      owner: gold ? 'ims-platform' : owner,
      visibility: gold ? 'public' : 'private',
      status: 'active',
      protected: gold,
      minDisk: 40,
      minRam: pick.os === 'Windows' ? 2048 : 1024,
      diskFormat: 'zvhd2',
      containerFormat: 'bare',
      size,
      checksum: Array.from({ length: 32 }, () => Math.floor(state.random() * 16).toString(16)).join(''),
      extra: {
        __imagetype: gold ? 'gold' : 'private',
        __os_type: pick.os,
        __os_bit: '64',
        __os_version: pick.version,
        __platform: pick.platform,
        __image_source_type: 'uds',
        __image_size: String(size),
        __isregistered: 'true',
      },
    });
  }
}
