import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { validValue, type Schema } from '../../generators/schema-arbitrary.js';
import { validInputParts, validQueries, validQuerySchema } from '../../src/engine/scenarios/generated-input.js';
import type { SpecOperation } from '../../src/model/operation.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { SchemaValidator } from '../../src/spec/schema-validator.js';

/*
 * What the IMS pages enumerate, transcribed here independently of the spec's `x-valid-subset`s (OTC docs repository
 * opentelekomcloud-docs/image-management-service at 7f136da): ims_apis/image/querying_images.rst (otc-querying-images),
 * native_openstack_apis/…/querying_images_native_openstack_api.rst (otc-native-list-images),
 * …/creating_image_metadata_native_openstack_api.rst (otc-native-create-image), common_parameters/
 * values_of_related_parameters.rst (otc-related-parameters), common_parameters/image_tag_format.rst (otc-image-tag-format).
 */
const IMS_LIST_PAGES: Record<string, (v: unknown) => boolean> = {
  status: (v) => ['queued', 'saving', 'deleted', 'killed', 'active'].includes(v as string),
  visibility: (v) => ['public', 'private', 'shared'].includes(v as string),
  __imagetype: (v) => ['gold', 'private', 'shared'].includes(v as string),
  __isregistered: (v) => v === 'true',
  sort_key: (v) => ['name', 'container_format', 'disk_format', 'status', 'id', 'size', 'created_at'].includes(v as string),
  min_disk: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 1024,
  __platform: (v) =>
    ['Windows', 'Ubuntu', 'Red Hat', 'SUSE', 'CentOS', 'Debian', 'OpenSUSE', 'Oracle Linux', 'Fedora', 'CoreOS', 'EulerOS', 'Other'].includes(v as string),
  __support_xen_gpu_type: (v) => v === 'M60_vGPU',
  __support_kvm_gpu_type: (v) => ['M60', 'V100_vGPU', 'P2V_V100', 'P100', 'V100'].includes(v as string),
};
/** The Glance-only values the `openstack` profile must still send. */
const GLANCE_ONLY: Record<string, unknown[]> = {
  status: ['uploading', 'importing', 'pending_delete', 'deactivated'],
  visibility: ['community'],
  sort_key: ['updated_at'],
};
/** "This attribute cannot co-exist with …" (both list pages). */
const CANNOT_CO_EXIST: Record<string, string[]> = {
  __support_xen_gpu_type: ['__support_xen', '__support_kvm'],
  __support_kvm_gpu_type: ['__support_xen', '__support_kvm'],
  __support_xen_hana: ['__support_xen', '__support_kvm'],
  __support_kvm_infiniband: ['__support_xen'],
};
/** A few rows of values_of_related_parameters.rst Table 1, and strings that are in no row of it. */
const OS_VERSIONS_IN_TABLE = ['CentOS 7.0 64bit', 'Ubuntu 14.04 server 64bit', 'Windows Server 2016 Standard 64bit', 'openEuler 20.03 64bit'];

const SAMPLES = 300;
const validator = new SchemaValidator();
let ims: SpecOperation[];
let openstack: SpecOperation[];
const op = (ops: SpecOperation[], id: string): SpecOperation => ops.find((o) => o.operationId === id)!;
const queries = (o: SpecOperation): Record<string, unknown>[] => fc.sample(validQueries(o, validQuerySchema(o)!, validator), { numRuns: SAMPLES, seed: 22 });

beforeAll(async () => {
  ims = (await loadSpec()).operations;
  openstack = (await loadSpec(undefined, 'openstack')).operations;
});

describe('under the ims profile, generated valid list queries keep to what the IMS list pages enumerate', () => {
  it.each(['listImages', 'listCloudImages'])('%s: every narrowed filter, in every one of 300 queries', (id) => {
    const seen = new Map<string, Set<unknown>>();
    for (const query of queries(op(ims, id)))
      for (const [name, allowed] of Object.entries(IMS_LIST_PAGES)) {
        if (!(name in query)) continue;
        expect(allowed(query[name]), `${id} ${name}=${String(query[name])}`).toBe(true);
        seen.set(name, (seen.get(name) ?? new Set()).add(query[name]));
      }
    // The narrowing leaves something to draw: each filter appears, with more than one value where the page has more.
    for (const name of Object.keys(IMS_LIST_PAGES)) expect(seen.get(name)?.size ?? 0, `${id} ${name}`).toBeGreaterThan(0);
    expect(seen.get('status')?.size).toBeGreaterThan(1);
  });

  it.each(['listImages', 'listCloudImages'])('%s: never combines filters the pages say cannot co-exist', (id) => {
    let exclusive = 0;
    for (const query of queries(op(ims, id)))
      for (const [name, excluded] of Object.entries(CANNOT_CO_EXIST))
        if (name in query) {
          exclusive++;
          for (const other of excluded) expect(query, `${id}: ${name} with ${other}`).not.toHaveProperty(other);
        }
    expect(exclusive).toBeGreaterThan(0);
  });

  it('listCloudImages: enterprise_project_id is `0` or `all_granted_eps`, and no flavor_id the run cannot know is sent', () => {
    const sent = queries(op(ims, 'listCloudImages'));
    const eps = sent.flatMap((q) => ('enterprise_project_id' in q ? [q.enterprise_project_id] : []));
    expect(eps.length).toBeGreaterThan(0);
    for (const ep of eps) expect(['0', 'all_granted_eps']).toContain(ep);
    for (const q of sent) expect(q).not.toHaveProperty('flavor_id');
  });

  it('the robustness probe (no acceptance demanded) still draws the whole union, Glance values included', () => {
    const schema = validQuerySchema(op(ims, 'listImages')) as Schema;
    const statuses = new Set(
      fc.sample(validValue(schema, validator, { narrowed: false }), { numRuns: SAMPLES, seed: 22 }).map((q) => (q as { status?: unknown }).status),
    );
    expect(GLANCE_ONLY.status!.some((s) => statuses.has(s))).toBe(true);
  });
});

describe('under the ims profile, generated valid create bodies keep to the create-metadata page', () => {
  it('createImage: no `zvhd` (dropped from the page in 2024), tags of letters, digits, `_` and `-`, __os_version from the table', () => {
    const parts = validInputParts(op(ims, 'createImage'))!;
    const bodies = fc.sample(validValue(parts.body!.schema, validator), { numRuns: SAMPLES, seed: 22 }) as Record<string, unknown>[];
    const formats = new Set(bodies.map((b) => b.disk_format).filter((f) => f !== undefined));
    expect([...formats].sort()).toEqual(['qcow2', 'raw', 'vhd', 'zvhd2']);
    const tags = bodies.flatMap((b) => (b.tags as string[] | undefined) ?? []);
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) expect(tag).toMatch(/^[A-Za-z0-9_-]{1,255}$/);
    const versions = bodies.flatMap((b) => (typeof b.__os_version === 'string' ? [b.__os_version] : []));
    expect(versions.length).toBeGreaterThan(0);
    // Every drawn version is a row of the table: made of the words its rows are made of, ending as they end.
    for (const v of versions)
      expect(v, v).toMatch(/^(Windows|SUSE|Oracle|Red[Hh]at|Ubuntu|openSUSE|CentOS|Debian|Fedora|EulerOS|CoreOS|openEuler) .*(bit|\d)$/);
    const subset = (op(ims, 'createImage').requestBody!.content['application/json']!.schema as Schema).properties.__os_version['x-valid-subset'];
    expect(subset.enum).toEqual(expect.arrayContaining(OS_VERSIONS_IN_TABLE));
    expect(subset.enum).toHaveLength(131);
  });
});

describe('under the openstack profile, Glance values stay valid input', () => {
  it('listImages: Glance-only statuses, `community` and `updated_at` appear among 300 generated valid queries', () => {
    const sent = queries(op(openstack, 'listImages'));
    for (const [name, glance] of Object.entries(GLANCE_ONLY))
      expect(
        sent.some((q) => glance.includes(q[name])),
        name,
      ).toBe(true);
  });
});

describe('every x-valid-subset names the page it narrows by', () => {
  it('carries its own x-doc', async () => {
    const { document } = await loadSpec();
    const subsets: string[] = [];
    const walk = (node: unknown, at: string, seen: Set<object>): void => {
      if (node === null || typeof node !== 'object' || seen.has(node)) return;
      seen.add(node);
      for (const [key, value] of Object.entries(node)) {
        if (key === 'x-valid-subset') {
          subsets.push(at);
          expect((value as Schema)['x-doc'], `${at}/x-valid-subset`).toEqual(expect.arrayContaining([expect.stringMatching(/^(otc|sdk)-/)]));
        } else walk(value, `${at}/${key}`, seen);
      }
    };
    walk(document, '', new Set());
    expect(subsets.length).toBeGreaterThanOrEqual(15);
  });
});
