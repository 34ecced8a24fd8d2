"""Glance's effective image policy for the `openstack` profile's roles, as the deployment up.sh configured enforces it.

    /usr/bin/python3 scripts/openstack/glance-policy-check.py <glance-api.conf>  >  glance-policy.json

Loads Glance's own policy enforcer with that configuration and
1. fails (exit 1) when any rule comes from a policy file: the deployment must run Glance's shipped defaults
   (glance/policies/*.py), so that the suite is held to them rather than the target fitted to the suite;
2. prints, for each image rule (glance/policies/image.py), which of the profile's Keystone roles it grants, in the two places the suite
   calls from: the image owner's project, and the project the image is shared with. test/openstack compares this
   with what the profile's principals are declared to be allowed.

Keystone's bootstrap makes `member` imply `reader`, so a member's token carries both; `ims-none` is a role no
Glance rule names.
"""
import json
import sys

from oslo_config import cfg

from glance.api import policy
from glance.context import RequestContext
from glance.policies import image as image_policies

ROLES = {'reader': ['reader'], 'member': ['member', 'reader'], 'ims-none': ['ims-none']}
OWNER, SHARED_WITH = 'p-owner', 'p-member'
# The image a rule is judged on: owned by OWNER, shared with SHARED_WITH, as Glance's ImageTarget and member
# targets expose it to the check strings (project_id and owner are the image owner's project).
TARGET = {'project_id': OWNER, 'owner': OWNER, 'member_id': SHARED_WITH, 'visibility': 'shared'}
CALLERS = {'owner-project': OWNER, 'member-project': SHARED_WITH}


def main(conf_file: str) -> int:
    cfg.CONF(['--config-file', conf_file], project='glance')
    enforcer = policy.Enforcer(suppress_deprecation_warnings=True)
    enforcer.load_rules()
    if enforcer.file_rules:
        print(f'policy rules read from a file override Glance defaults: {sorted(enforcer.file_rules)}', file=sys.stderr)
        return 1
    if not (cfg.CONF.enforce_secure_rbac and cfg.CONF.oslo_policy.enforce_new_defaults):
        print('secure RBAC is off: set [DEFAULT] enforce_secure_rbac and [oslo_policy] enforce_new_defaults', file=sys.stderr)
        return 1
    decisions = {}
    for name in sorted(rule.name for rule in image_policies.list_rules()):
        decisions[name] = {
            'check': str(enforcer.rules[name]),
            'allows': {
                where: sorted(role for role, roles in ROLES.items()
                              if enforcer.check(RequestContext(roles=roles, project_id=project), name, dict(TARGET)))
                for where, project in CALLERS.items()
            },
        }
    json.dump({'rules': decisions}, sys.stdout, indent=2, sort_keys=True)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
