import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCheckedMock, type CheckedMock } from './checked-mock.js';
import { call, createImage, waitForJob, type Reply } from './mock-client.js';

let mock: CheckedMock;
beforeAll(async () => {
  mock = await startCheckedMock({ jobDelayMs: 20 });
});
afterAll(() => mock.close());

const fixtures = () => mock.config.fixtures as Record<string, string>;
const projectOf = (as: string): string => mock.config.principals[as]?.projectId ?? mock.config.projectId;

/** Starts an action and expects 200 {"job_id"}; returns the job id. */
async function startJob(method: string, path: string, body: unknown, as = 'owner'): Promise<string> {
  const reply = await call(mock, method, path, { as, body });
  expect(reply.status, reply.text).toBe(200);
  expect(reply.body.job_id).toMatch(/^[0-9a-f]{32}$/);
  return reply.body.job_id as string;
}

/** Runs an action to the end: the job must succeed; returns the job and the image it names. */
async function runJob(method: string, path: string, body: unknown, as = 'owner'): Promise<{ job: any; image: any }> {
  const jobId = await startJob(method, path, body, as);
  const job = await waitForJob(mock, jobId, as);
  expect(job.status, JSON.stringify(job)).toBe('SUCCESS');
  const image = await call(mock, 'GET', `/v2/images/${job.entities.image_id}`, { as });
  expect(image.status).toBe(200);
  return { job, image: image.body };
}

function expectImsError(reply: Reply, status: number, code: string): void {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.body.error.code).toBe(code);
}

/**
 * Runs `body` with jobs slowed down, so the state before completion can be observed. Long enough that the two or
 * three loopback requests of a look end before it on a loaded CI machine too (250 ms did not, under a load of 20+).
 */
async function withSlowJobs<T>(body: () => Promise<T>): Promise<T> {
  mock.state.options.jobDelayMs = 3_000;
  try {
    return await body();
  } finally {
    mock.state.options.jobDelayMs = 20;
  }
}

describe('POST /v2/cloudimages/action', () => {
  it('makes a system image from a stopped ECS: the job is INIT/RUNNING first, the image appears only on SUCCESS', async () => {
    const name = 'aa-from-ecs';
    const jobId = await withSlowJobs(async () => {
      const id = await startJob('POST', '/v2/cloudimages/action', { name, instance_id: fixtures().serverId, description: 'from ECS', tags: ['env.test'] });
      const early = await call(mock, 'GET', `/v1/${mock.config.projectId}/jobs/${id}`, { as: 'owner' });
      expect(early.status).toBe(200);
      expect(['INIT', 'RUNNING']).toContain(early.body.status);
      expect(early.body.job_type).toBe('imsCreateImageByInstance');
      const listed = await call(mock, 'GET', `/v2/cloudimages?name=${name}`, { as: 'owner' });
      expect(listed.body.images).toEqual([]);
      return id;
    });
    const job = await waitForJob(mock, jobId);
    expect(job).toMatchObject({ status: 'SUCCESS', job_type: 'imsCreateImageByInstance', entities: { image_name: name } });
    const image = (await call(mock, 'GET', `/v2/images/${job.entities.image_id}`, { as: 'owner' })).body;
    expect(image).toMatchObject({
      name,
      owner: mock.config.projectId,
      status: 'active',
      virtual_env_type: 'FusionCompute',
      __description: 'from ECS',
      tags: ['env.test'],
      enterprise_project_id: '0',
    });
    const listed = await call(mock, 'GET', `/v2/cloudimages?name=${name}`, { as: 'owner' });
    expect(listed.body.images).toHaveLength(1);
  });

  it('also makes data images from the ECS’s data disks, reported as sub-jobs', async () => {
    const { job, image } = await runJob('POST', '/v2/cloudimages/action', {
      name: 'aa-ecs-with-data',
      instance_id: fixtures().serverId,
      data_images: [{ name: 'aa-ecs-data-1', volume_id: fixtures().dataVolumeId }],
    });
    expect(image.virtual_env_type).toBe('FusionCompute');
    expect(job.entities.sub_jobs_result).toHaveLength(1);
    const sub = job.entities.sub_jobs_result[0];
    expect(sub).toMatchObject({ status: 'SUCCESS', entities: { image_name: 'aa-ecs-data-1' } });
    const dataImage = await call(mock, 'GET', `/v2/images/${sub.entities.image_id}`, { as: 'owner' });
    expect(dataImage.body).toMatchObject({ virtual_env_type: 'DataImage', owner: mock.config.projectId, status: 'active' });
  });

  it('refuses a running ECS (IMG.0008), an unknown one and another project’s (IMG.0005)', async () => {
    expectImsError(
      await call(mock, 'POST', '/v2/cloudimages/action', { as: 'owner', body: { name: 'x', instance_id: fixtures().runningServerId } }),
      400,
      'IMG.0008',
    );
    expectImsError(await call(mock, 'POST', '/v2/cloudimages/action', { as: 'owner', body: { name: 'x', instance_id: 'no-such-server' } }), 400, 'IMG.0005');
    expectImsError(
      await call(mock, 'POST', '/v2/cloudimages/action', { as: 'member', body: { name: 'x', instance_id: fixtures().serverId } }),
      400,
      'IMG.0005',
    );
  });

  it('imports a system image from an OBS file (imsImportImageJob) with its OS facts and min_disk', async () => {
    const { job, image } = await runJob('POST', '/v2/cloudimages/action', {
      name: 'aa-from-file',
      image_url: fixtures().imageUrl,
      min_disk: 20,
      os_version: 'Ubuntu 22.04 server 64bit',
      image_tags: [{ key: 'k', value: 'v' }],
    });
    expect(job.job_type).toBe('imsImportImageJob');
    expect(image).toMatchObject({ min_disk: 20, __os_version: 'Ubuntu 22.04 server 64bit', __platform: 'Ubuntu', __os_type: 'Linux', tags: ['k.v'] });
  });

  it('refuses a missing OBS object (IMG.0057) and an inaccessible bucket (IMG.0069)', async () => {
    expectImsError(
      await call(mock, 'POST', '/v2/cloudimages/action', { as: 'owner', body: { name: 'x', image_url: 'ims-fixtures:missing.qcow2', min_disk: 20 } }),
      400,
      'IMG.0057',
    );
    expectImsError(
      await call(mock, 'POST', '/v2/cloudimages/action', { as: 'owner', body: { name: 'x', image_url: 'no-such-bucket:a.qcow2', min_disk: 20 } }),
      400,
      'IMG.0069',
    );
  });

  it('makes a system image from a disk (imsVolumeCreateImageJob) and refuses an unknown disk (IMG.0120)', async () => {
    const { job, image } = await runJob('POST', '/v2/cloudimages/action', {
      name: 'aa-from-volume',
      volume_id: fixtures().volumeId,
      os_version: 'CentOS 7.9 64bit',
    });
    expect(job.job_type).toBe('imsVolumeCreateImageJob');
    expect(image).toMatchObject({ virtual_env_type: 'FusionCompute', __platform: 'CentOS' });
    expectImsError(
      await call(mock, 'POST', '/v2/cloudimages/action', { as: 'owner', body: { name: 'x', volume_id: 'no-such-volume', os_version: 'CentOS 7.9 64bit' } }),
      400,
      'IMG.0120',
    );
  });

  it('makes data images only (imsVolumesToSysDataImagesJob) from a data disk, not from a system disk', async () => {
    const { job, image } = await runJob('POST', '/v2/cloudimages/action', {
      data_images: [{ name: 'aa-data-only', volume_id: fixtures().dataVolumeId, description: 'disk 1' }],
    });
    expect(job.job_type).toBe('imsVolumesToSysDataImagesJob');
    expect(job.entities.sub_jobs_result.map((s: { entities: { image_id: string } }) => s.entities.image_id)).toEqual([image.id]);
    expect(image).toMatchObject({ name: 'aa-data-only', virtual_env_type: 'DataImage', __description: 'disk 1' });
    expectImsError(
      await call(mock, 'POST', '/v2/cloudimages/action', { as: 'owner', body: { data_images: [{ name: 'x', volume_id: fixtures().volumeId }] } }),
      400,
      'IMG.0120',
    );
  });

  it('puts an enterprise-project caller’s image in its enterprise project, and refuses another one with 403', async () => {
    const ep = mock.config.principals.epAdmin?.enterpriseProjectId;
    const { image } = await runJob('POST', '/v2/cloudimages/action', { name: 'aa-ep-image', instance_id: fixtures().serverId }, 'epAdmin');
    expect(image).toMatchObject({ owner: mock.config.projectId, enterprise_project_id: ep });
    const elsewhere = await call(mock, 'POST', '/v2/cloudimages/action', {
      as: 'epAdmin',
      body: { name: 'x', instance_id: fixtures().serverId, enterprise_project_id: '0' },
    });
    expectImsError(elsewhere, 403, 'IMG.0026');
  });
});

describe('POST /v2/cloudimages/quickimport/action', () => {
  it('imports an ECS system image as FusionCompute, a BMS one as Ironic, a data image as DataImage', async () => {
    const ecs = await runJob('POST', '/v2/cloudimages/quickimport/action', {
      name: 'aa-quick-ecs',
      image_url: fixtures().dataImageUrl,
      min_disk: 40,
      os_version: 'EulerOS 2.5 64bit',
    });
    expect(ecs.job.job_type).toBe('imsImportImageJob');
    expect(ecs.image.virtual_env_type).toBe('FusionCompute');
    const bms = await runJob('POST', '/v2/cloudimages/quickimport/action', {
      name: 'aa-quick-bms',
      image_url: fixtures().dataImageUrl,
      min_disk: 40,
      os_version: 'EulerOS 2.5 64bit',
      type: 'BMS',
    });
    expect(bms.image.virtual_env_type).toBe('Ironic');
    const data = await runJob('POST', '/v2/cloudimages/quickimport/action', {
      name: 'aa-quick-data',
      image_url: fixtures().dataImageUrl,
      min_disk: 40,
      type: 'DataImage',
    });
    expect(data.job.job_type).toBe('imsImportDataImageJob');
    expect(data.image).toMatchObject({ virtual_env_type: 'DataImage', min_disk: 40, owner: mock.config.projectId });
  });

  it('refuses a file that does not exist', async () => {
    const reply = await call(mock, 'POST', '/v2/cloudimages/quickimport/action', {
      as: 'owner',
      body: { name: 'x', image_url: 'ims-fixtures:nothing.zvhd2', min_disk: 40, type: 'DataImage' },
    });
    expectImsError(reply, 400, 'IMG.0057');
  });
});

describe('POST /v1/cloudimages/dataimages/action', () => {
  it('makes a data image from an OBS file (imsImportDataImageJob)', async () => {
    const { job, image } = await runJob('POST', '/v1/cloudimages/dataimages/action', {
      name: 'aa-data-file',
      image_url: fixtures().dataImageUrl,
      min_disk: 100,
      os_type: 'Windows',
    });
    expect(job.job_type).toBe('imsImportDataImageJob');
    expect(image).toMatchObject({ virtual_env_type: 'DataImage', min_disk: 100, __os_type: 'Windows', status: 'active' });
    expectImsError(
      await call(mock, 'POST', '/v1/cloudimages/dataimages/action', { as: 'owner', body: { name: 'x', image_url: 'nobucket:x.qcow2', min_disk: 40 } }),
      400,
      'IMG.0069',
    );
  });
});

describe('POST /v1/cloudimages/wholeimages/action', () => {
  it('makes a full-ECS image from an ECS with a CBR vault', async () => {
    const { job, image } = await runJob('POST', '/v1/cloudimages/wholeimages/action', {
      name: 'aa-whole-ecs',
      instance_id: fixtures().serverId,
      whole_image_type: 'CBR',
      vault_id: fixtures().vaultId,
    });
    expect(job.job_type).toBe('imsCreateWholeImageByInstanceJob');
    expect(image).toMatchObject({ __whole_image: 'true', owner: mock.config.projectId });
    const whole = await call(mock, 'GET', '/v2/cloudimages?__whole_image=true', { as: 'owner' });
    expect(whole.body.images.map((i: { id: string }) => i.id)).toContain(image.id);
  });

  it('refuses CBR without a vault, an unknown vault (IMG.0184) and an unknown ECS (IMG.0005)', async () => {
    const post = (body: unknown) => call(mock, 'POST', '/v1/cloudimages/wholeimages/action', { as: 'owner', body });
    expectImsError(await post({ name: 'x', instance_id: fixtures().serverId, whole_image_type: 'CBR' }), 400, 'IMG.0001');
    expectImsError(await post({ name: 'x', instance_id: fixtures().serverId, whole_image_type: 'CBR', vault_id: 'no-such-vault' }), 400, 'IMG.0184');
    expectImsError(await post({ name: 'x', instance_id: 'no-such-server' }), 400, 'IMG.0005');
  });

  it('makes a full-ECS image from a backup, and refuses unknown, foreign and mistyped backups', async () => {
    const { job, image } = await runJob('POST', '/v1/cloudimages/wholeimages/action', {
      name: 'aa-whole-backup',
      backup_id: fixtures().backupId,
      whole_image_type: 'CBR',
    });
    expect(job.job_type).toBe('imsCreateWholeImageByBackupJob');
    expect(image.__whole_image).toBe('true');
    const post = (body: unknown, as = 'owner') => call(mock, 'POST', '/v1/cloudimages/wholeimages/action', { as, body });
    expectImsError(await post({ name: 'x', backup_id: 'no-such-backup' }), 400, 'IMG.0020');
    expectImsError(await post({ name: 'x', backup_id: fixtures().backupId }, 'member'), 400, 'IMG.0020');
    expectImsError(await post({ name: 'x', backup_id: fixtures().backupId, whole_image_type: 'CSBS' }), 400, 'IMG.0198');
  });
});

describe('PUT /v1/cloudimages/{image_id}/upload', () => {
  it('registers an OBS file into a queued image, which is saving meanwhile and active with a size afterwards', async () => {
    const id = await createImage(mock, { name: 'aa-register' });
    const jobId = await withSlowJobs(async () => {
      const started = await startJob('PUT', `/v1/cloudimages/${id}/upload`, { image_url: fixtures().imageUrl });
      expect((await call(mock, 'GET', `/v2/images/${id}`, { as: 'owner' })).body.status).toBe('saving');
      return started;
    });
    const job = await waitForJob(mock, jobId);
    expect(job).toMatchObject({ status: 'SUCCESS', job_type: 'imsNativeImportImageJob', entities: { image_id: id } });
    const image = (await call(mock, 'GET', `/v2/images/${id}`, { as: 'owner' })).body;
    expect(image.status).toBe('active');
    expect(image.size).toBeGreaterThan(0);
    expectImsError(await call(mock, 'PUT', `/v1/cloudimages/${id}/upload`, { as: 'owner', body: { image_url: fixtures().imageUrl } }), 400, 'IMG.0046');
  });

  it('refuses a missing file, and another project’s image with 404', async () => {
    const id = await createImage(mock, { name: 'aa-register-bad' });
    expectImsError(await call(mock, 'PUT', `/v1/cloudimages/${id}/upload`, { as: 'owner', body: { image_url: 'ims-fixtures:gone.vmdk' } }), 400, 'IMG.0057');
    expect((await call(mock, 'GET', `/v2/images/${id}`, { as: 'owner' })).body.status).toBe('queued');
    expect((await call(mock, 'PUT', `/v1/cloudimages/${id}/upload`, { as: 'stranger', body: { image_url: fixtures().imageUrl } })).status).toBe(404);
  });
});

describe('POST /v1/cloudimages/{image_id}/file', () => {
  it('exports an active image to a bucket; the file then exists and a second export to it is refused (IMG.0070)', async () => {
    const id = await createImage(mock, { name: 'aa-export' });
    await call(mock, 'PUT', `/v2/images/${id}/file`, { as: 'owner', raw: Buffer.from('bytes'), contentType: 'application/octet-stream' });
    const target = `${fixtures().exportBucket}:aa-export.qcow2`;
    const job = await waitForJob(mock, await startJob('POST', `/v1/cloudimages/${id}/file`, { bucket_url: target, file_format: 'qcow2' }));
    expect(job).toMatchObject({ status: 'SUCCESS', job_type: 'imsNativeExportImageJob', entities: { image_id: id } });
    expect(mock.state.fixtures.obsObjects.has(target)).toBe(true);
    expectImsError(
      await call(mock, 'POST', `/v1/cloudimages/${id}/file`, { as: 'owner', body: { bucket_url: target, is_quick_export: true } }),
      400,
      'IMG.0070',
    );
  });

  it('refuses an inaccessible bucket (IMG.0069) and an image that is not active', async () => {
    const queued = await createImage(mock, { name: 'aa-export-queued' });
    expectImsError(
      await call(mock, 'POST', `/v1/cloudimages/${queued}/file`, {
        as: 'owner',
        body: { bucket_url: `${fixtures().exportBucket}:q.qcow2`, file_format: 'qcow2' },
      }),
      400,
      'IMG.0046',
    );
    const id = await createImage(mock, { name: 'aa-export-nobucket' });
    await call(mock, 'PUT', `/v2/images/${id}/file`, { as: 'owner', raw: Buffer.from('bytes'), contentType: 'application/octet-stream' });
    expectImsError(
      await call(mock, 'POST', `/v1/cloudimages/${id}/file`, { as: 'owner', body: { bucket_url: 'no-such-bucket:a.qcow2', file_format: 'qcow2' } }),
      400,
      'IMG.0069',
    );
  });
});

describe('jobs', () => {
  it('are visible only to the project that started them', async () => {
    const jobId = await startJob('POST', '/v1/cloudimages/dataimages/action', { name: 'aa-job-scope', image_url: fixtures().dataImageUrl, min_disk: 40 });
    const foreign = await call(mock, 'GET', `/v1/${projectOf('stranger')}/jobs/${jobId}`, { as: 'stranger' });
    expect(foreign.status).toBe(404);
    expect((await waitForJob(mock, jobId)).status).toBe('SUCCESS');
  });
});

describe('every response of this file', () => {
  it('conforms to the spec (status documented, content type, body schema, headers)', () => {
    expect(mock.checked()).toBeGreaterThan(50);
    expect(mock.violations()).toEqual([]);
  });
});
