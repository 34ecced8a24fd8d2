import type { PageApi } from './rst-examples.js';

/*
 * The two human judgements the corpus carries, each with its reason: which documented APIs the contract leaves
 * out, and which examples are documentation errors (an example that contradicts its own page). Everything else
 * the script reads from the pages.
 */

export interface OutsideContract {
  source: 'ims' | 'ecs' | 'iam';
  /** `file` is the page below api-ref/source/. */
  match: (file: string, api: PageApi | undefined) => boolean;
  reason: string;
}

const TABLES = 'the contract covers the operations of the IAM permission tables (shared/seeds/) plus the calls the suite itself needs';

export const OUTSIDE_CONTRACT: OutsideContract[] = [
  {
    source: 'ims',
    match: (file) => file.startsWith('ims_apis/image_quota/'),
    reason: `image quota (GET /v1/cloudimages/quota): not in the seed permission tables; ${TABLES}`,
  },
  {
    source: 'ims',
    match: (file) => file.startsWith('ims_apis/image_replication/'),
    reason: `in-region replication (POST /v1/cloudimages/{image_id}/copy): not in the seed permission tables; ${TABLES}`,
  },
  {
    source: 'ims',
    match: (file) => file.startsWith('ims_apis/image_tagging/'),
    reason: `IMS image tagging (the /v1/cloudimages/tags and /v2/{project_id}/images/…/tags calls): not in the seed permission tables; ${TABLES}`,
  },
  {
    source: 'ims',
    match: (file) => file.startsWith('native_openstack_apis/image_tagging_native_openstack_apis/'),
    reason: `Glance PUT/DELETE /v2/images/{image_id}/tags/{tag}: not in the seed permission tables (tags are set through createImage/updateImage); ${TABLES}`,
  },
  {
    source: 'ims',
    match: (file, api) => file.startsWith('native_openstack_apis/api_version_query_native_openstack_api/') && api?.path !== '/',
    reason: `GET /{version} (one API version's document): the suite's discovery uses GET / and GET /versions only; ${TABLES}`,
  },
  {
    source: 'ims',
    match: (file) => file === 'error_codes.rst',
    reason:
      'the common error body of the IMS extension APIs (error_codes.rst "Response Format"): it documents no single operation; each operation\'s 4xx schema is its own',
  },
  {
    source: 'iam',
    match: (_file, api) => api?.method === 'GET' && api.path === '/',
    reason: `Keystone GET / on the IAM endpoint (version list): the suite asks the IAM endpoint for GET /v3 only; ${TABLES}`,
  },
];

export interface KnownDocError {
  source: 'ims' | 'ecs' | 'iam';
  file: string;
  kind: 'request' | 'response';
  status?: number;
  reason: string;
}

export const KNOWN_DOC_ERRORS: KnownDocError[] = [
  {
    source: 'iam',
    file: 'apis/token_management/obtaining_a_user_token_through_password_authentication.rst',
    kind: 'response',
    status: 201,
    reason: 'a trailing comma after `token.user.password_expires_at`; the body cannot be held to a schema',
  },
];

/**
 * Examples of an IMS page that a profile other than `ims` deliberately does not accept, because that profile
 * documents the upstream OpenStack reading (spec/profiles/<profile>.yaml says why). The test holds each to being
 * rejected there, so an entry cannot outlive the departure.
 */
export interface ProfileDeparture {
  profile: 'openstack';
  operationId: string;
  kind: 'request' | 'response';
  reason: string;
}

export const PROFILE_DEPARTURES: ProfileDeparture[] = [
  {
    profile: 'openstack',
    operationId: 'deleteImage',
    kind: 'request',
    reason:
      'the body (`delete_backup`) is an IMS extension: Glance takes no body on DELETE and answers 400 "A body is not expected with this request" (spec/profiles/openstack.yaml, deleteImage)',
  },
];

/**
 * Query parameters a documented example sends that its operation does not declare under a profile, accepted
 * with the reason. The test holds each name to an example that really sends it there, so an entry cannot
 * outlive the example or the declaration it stands in for.
 */
export interface UndeclaredQueryParameter {
  profile: 'ims' | 'openstack';
  operationId: string;
  names: string[];
  reason: string;
}

export const UNDECLARED_QUERY_PARAMETERS: UndeclaredQueryParameter[] = [
  {
    profile: 'openstack',
    operationId: 'listImages',
    names: ['__imagetype'],
    reason:
      'an IMS filter the Glance api-ref does not list; Glance takes a query parameter it does not know as a filter on the image property of that name, so the request is one Glance accepts (spec/profiles/openstack.yaml, listImages: the IMS filters are plain property filters there)',
  },
];
