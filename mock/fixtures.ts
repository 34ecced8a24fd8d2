import { randomUUID } from 'node:crypto';

export interface ServerFixture {
  id: string;
  projectId: string;
  name: string;
  status: 'SHUTOFF' | 'ACTIVE' | 'ERROR';
}

export interface VolumeFixture {
  id: string;
  projectId: string;
  /** System disks turn into system images, data disks into data images. */
  kind: 'system' | 'data';
}

export interface BackupFixture {
  id: string;
  projectId: string;
  kind: 'CBR' | 'CSBS';
}

/** What a real cloud would already have: servers, volumes, OBS objects and buckets, backups. */
export interface Fixtures {
  servers: Map<string, ServerFixture>;
  volumes: Map<string, VolumeFixture>;
  /** `bucket:object` of image files that exist in OBS. */
  obsObjects: Set<string>;
  buckets: Set<string>;
  backups: Map<string, BackupFixture>;
  vaults: Set<string>;
}

/** The fixtures printed in the suite config, for one project. */
export interface FixtureSummary {
  serverId: string;
  runningServerId: string;
  volumeId: string;
  dataVolumeId: string;
  imageUrl: string;
  dataImageUrl: string;
  exportBucket: string;
  backupId: string;
  vaultId: string;
}

export function seedFixtures(projectId: string): { fixtures: Fixtures; summary: FixtureSummary } {
  const stopped: ServerFixture = { id: randomUUID(), projectId, name: 'ims-fixture-stopped', status: 'SHUTOFF' };
  const running: ServerFixture = { id: randomUUID(), projectId, name: 'ims-fixture-running', status: 'ACTIVE' };
  const volume: VolumeFixture = { id: randomUUID(), projectId, kind: 'system' };
  const dataVolume: VolumeFixture = { id: randomUUID(), projectId, kind: 'data' };
  const backup: BackupFixture = { id: randomUUID(), projectId, kind: 'CBR' };
  const vaultId = randomUUID();
  const fixtures: Fixtures = {
    servers: new Map([stopped, running].map((s) => [s.id, s])),
    volumes: new Map([volume, dataVolume].map((v) => [v.id, v])),
    obsObjects: new Set(['ims-fixtures:cirros-0.6.2.qcow2', 'ims-fixtures:data-disk.zvhd2']),
    buckets: new Set(['ims-fixtures', 'ims-export']),
    backups: new Map([[backup.id, backup]]),
    vaults: new Set([vaultId]),
  };
  return {
    fixtures,
    summary: {
      serverId: stopped.id,
      runningServerId: running.id,
      volumeId: volume.id,
      dataVolumeId: dataVolume.id,
      imageUrl: 'ims-fixtures:cirros-0.6.2.qcow2',
      dataImageUrl: 'ims-fixtures:data-disk.zvhd2',
      exportBucket: 'ims-export',
      backupId: backup.id,
      vaultId,
    },
  };
}
