#!/usr/bin/env bash
# Starts a real OpenStack Glance 25 (Zed) with Keystone 22 on 127.0.0.1 for the `openstack` profile:
# Debian's packages, sqlite, file store, one worker each, nothing on other interfaces, nothing started by the
# packages themselves. Glance enforces its own shipped default policy (the secure-RBAC personas of
# glance/policies/*.py), switched on as its configuration reference says, with no rule overridden: the suite is
# held to Glance's documented defaults, never Glance to the suite's. Everything it makes lives in $IMS_OPENSTACK_DIR (default .openstack/ in the project);
# down.sh stops exactly the processes whose PID files are there.
#
#   scripts/openstack/up.sh        install (apt, as root, once), configure, bootstrap, start, wait until ready
#
# It writes $IMS_OPENSTACK_DIR/env (mode 600): the generated passwords the example config reads as ${VARS}.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$(cd "$here/../.." && pwd)"
state="${IMS_OPENSTACK_DIR:-$project/.openstack}"
keystone_port="${IMS_KEYSTONE_PORT:-5000}"
glance_port="${IMS_GLANCE_PORT:-9292}"
keystone_url="http://127.0.0.1:$keystone_port"
glance_url="http://127.0.0.1:$glance_port"

say() { printf 'openstack: %s\n' "$*"; }
die() { printf 'openstack: %s\n' "$*" >&2; exit 1; }

# --- install -----------------------------------------------------------------------------------------------
if ! command -v glance-api >/dev/null || ! command -v keystone-manage >/dev/null || ! command -v openstack >/dev/null || ! command -v glance >/dev/null || [ ! -e /usr/lib/uwsgi/plugins/python3_plugin.so ]; then
  [ "$(id -u)" = 0 ] || die "glance-api and keystone are not installed; run this as root once so apt-get can install them"
  # The packages' postinst scripts would start the services on every interface: forbid that while installing.
  made_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && made_policy=1
  fi
  say "installing glance-api, keystone and uwsgi with apt-get (a few minutes the first time)"
  export DEBIAN_FRONTEND=noninteractive
  pkgs=(glance-api keystone uwsgi-core uwsgi-plugin-python3 python3-openstackclient python3-glanceclient)
  apt-get install -y --no-install-recommends "${pkgs[@]}" >"${TMPDIR:-/tmp}/ims-openstack-apt.log" 2>&1 \
    || { apt-get update >>"${TMPDIR:-/tmp}/ims-openstack-apt.log" 2>&1 && apt-get install -y --no-install-recommends "${pkgs[@]}" >>"${TMPDIR:-/tmp}/ims-openstack-apt.log" 2>&1; } \
    || { [ -n "$made_policy" ] && rm -f /usr/sbin/policy-rc.d; tail -20 "${TMPDIR:-/tmp}/ims-openstack-apt.log" >&2; die "apt-get could not install the packages (log above)"; }
  [ -n "$made_policy" ] && rm -f /usr/sbin/policy-rc.d
fi

# --- state directory ---------------------------------------------------------------------------------------
if [ -f "$state/keystone.pid" ] || [ -f "$state/glance.pid" ]; then
  "$here/down.sh"
fi
case "$state" in /|/root|/home|/tmp|"$HOME"|"$project") die "refusing to use $state as the state directory (IMS_OPENSTACK_DIR)";; esac
rm -rf "$state"
mkdir -p "$state"/{log,images,fernet-keys,credential-keys}
chmod 700 "$state"
# Hex with a letter first: a password beginning with '-' would be read by openstackclient as an option.
pw() { python3 -c 'import secrets; print("p" + secrets.token_hex(16))'; }
admin_pw="$(pw)"; glance_pw="$(pw)"; user_pw="$(pw)"
umask 077
cat > "$state/env" <<ENV
# Written by scripts/openstack/up.sh for this throwaway deployment; read by examples/openstack.yaml.
export IMS_OPENSTACK_TARGET=$glance_url
export IMS_OPENSTACK_IAM=$keystone_url
export IMS_OPENSTACK_PASSWORD=$user_pw
export IMS_OPENSTACK_ADMIN_PASSWORD=$admin_pw
ENV
# The same owner for openstackclient and `ims-conformance run --os-cloud ims-owner` (OS_CLIENT_CONFIG_FILE).
cat > "$state/clouds.yaml" <<CLOUDS
clouds:
  ims-owner:
    auth: {auth_url: "$keystone_url/v3", username: ims-owner, password: "$user_pw", project_name: P1, user_domain_name: Default, project_domain_name: Default}
CLOUDS
umask 022

# --- Keystone ----------------------------------------------------------------------------------------------
cat > "$state/keystone.conf" <<CONF
[DEFAULT]
log_dir = $state/log
log_file = keystone.log
[database]
connection = sqlite:///$state/keystone.db
[token]
provider = fernet
expiration = 7200
[fernet_tokens]
key_repository = $state/fernet-keys
[credential]
key_repository = $state/credential-keys
[catalog]
driver = sql
CONF
km() { keystone-manage --config-file "$state/keystone.conf" "$@" >>"$state/log/keystone-manage.log" 2>&1 || die "keystone-manage $1 failed (see $state/log/keystone-manage.log)"; }
say "bootstrapping Keystone (sqlite, fernet tokens)"
km db_sync
# Several writers (uwsgi and keystone-manage) on one sqlite file: WAL avoids "database is locked".
python3 -c "import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute('pragma journal_mode=wal')" "$state/keystone.db"
km fernet_setup --keystone-user "$(id -un)" --keystone-group "$(id -gn)"
km credential_setup --keystone-user "$(id -un)" --keystone-group "$(id -gn)"
km bootstrap --bootstrap-password "$admin_pw" --bootstrap-admin-url "$keystone_url/v3/" --bootstrap-internal-url "$keystone_url/v3/" \
  --bootstrap-public-url "$keystone_url/v3/" --bootstrap-region-id RegionOne

OS_KEYSTONE_CONFIG_FILES="$state/keystone.conf" setsid uwsgi --plugins python3 --http11-socket "127.0.0.1:$keystone_port" \
  --wsgi-file /usr/bin/keystone-wsgi-public --processes 2 --threads 1 --master --die-on-term --buffer-size 65535 \
  --env "OS_KEYSTONE_CONFIG_FILES=$state/keystone.conf" --pidfile "$state/keystone.pid" \
  --logto "$state/log/keystone-uwsgi.log" --daemonize2 "$state/log/keystone-uwsgi.log" >/dev/null 2>&1 \
  || die "could not start Keystone (see $state/log/keystone-uwsgi.log)"

wait_for() { # url name
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  die "$2 did not answer at $1 within 60 s (logs in $state/log)"
}
wait_for "$keystone_url/v3" Keystone

# --- projects, users, roles (openstackclient as the bootstrap admin) --------------------------------------
export OS_AUTH_URL="$keystone_url/v3" OS_IDENTITY_API_VERSION=3 OS_USERNAME=admin OS_PASSWORD="$admin_pw" \
  OS_PROJECT_NAME=admin OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default OS_INTERFACE=public
# The failure names the command but never a password (CI logs are public).
osc() { openstack "$@" >>"$state/log/provision.log" 2>&1 || die "openstack $(redact "$@") failed (see $state/log/provision.log)"; }
redact() { local out=() hide=""; for a in "$@"; do if [ -n "$hide" ]; then out+=("***"); hide=""; else out+=("$a"); [ "$a" = --password ] && hide=1; fi; done; printf '%s' "${out[*]}"; }
say "creating projects P1, P2, P3 and the users of examples/openstack.yaml"
osc project create --domain Default service
# A role no Glance rule names: its holder is denied everything (the config's principal with no actions).
osc role create ims-none
for p in P1 P2 P3; do osc project create --domain Default "$p"; done
# user project role (also kept in role-assignments: test/openstack reads which role each principal acts with)
while read -r user project role; do
  osc user create --domain Default --password "$user_pw" "$user"
  osc role add --user "$user" --user-domain Default --project "$project" --project-domain Default "$role"
  printf '%s %s %s\n' "$user" "$project" "$role" >> "$state/role-assignments"
done <<USERS
ims-owner P1 member
ims-reader P1 reader
ims-member P2 member
ims-stranger P3 member
ims-none P1 ims-none
USERS
osc user create --domain Default --password "$glance_pw" glance
osc role add --user glance --user-domain Default --project service --project-domain Default admin
osc service create --name glance image
for iface in public internal admin; do osc endpoint create --region RegionOne image "$iface" "$glance_url"; done
unset OS_AUTH_URL OS_IDENTITY_API_VERSION OS_USERNAME OS_PASSWORD OS_PROJECT_NAME OS_USER_DOMAIN_NAME OS_PROJECT_DOMAIN_NAME OS_INTERFACE

# --- Glance ------------------------------------------------------------------------------------------------
cat > "$state/glance-api.conf" <<CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $glance_port
workers = 1
log_dir = $state/log
log_file = glance-api.log
enforce_secure_rbac = true
[database]
connection = sqlite:///$state/glance.db
[glance_store]
stores = file
default_store = file
filesystem_store_datadir = $state/images
[paste_deploy]
flavor = keystone
config_file = /etc/glance/glance-api-paste.ini
[keystone_authtoken]
www_authenticate_uri = $keystone_url
auth_url = $keystone_url
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = glance
password = $glance_pw
[oslo_policy]
# The secure-RBAC defaults are opt-in in Zed: [DEFAULT] enforce_secure_rbac and [oslo_policy]
# enforce_new_defaults both true (Glance refuses to start when they differ). No policy_file: oslo.policy then
# enforces the rules registered in code. enforce_scope stays as shipped (false); the tokens are project-scoped
# and every Glance 25 image rule declares scope_types [project], so it would change nothing here.
enforce_new_defaults = true
CONF
chmod 600 "$state/glance-api.conf"
say "starting Glance"
glance-manage --config-file "$state/glance-api.conf" db_sync >>"$state/log/glance-manage.log" 2>&1 || die "glance-manage db_sync failed (see $state/log/glance-manage.log)"
python3 -c "import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute('pragma journal_mode=wal')" "$state/glance.db"
# Refuse to run with any policy rule read from a file (a policy.yaml or policy.d/ beside the config, or in
# /etc/glance): the profile's expectations are those of Glance's defaults, so an override would fit the target to
# the suite. Debian's /etc/glance/policy.d/00_default_policy.yaml has every rule commented out.
/usr/bin/python3 "$here/glance-policy-check.py" "$state/glance-api.conf" >"$state/glance-policy.json" 2>>"$state/log/glance-policy-check.log" \
  || die "Glance would not run its shipped default policy (see $state/log/glance-policy-check.log)"
setsid glance-api --config-file "$state/glance-api.conf" >>"$state/log/glance-api.out" 2>&1 < /dev/null &
echo $! > "$state/glance.pid"
wait_for "$glance_url/healthcheck" Glance

say "ready: Glance $glance_url, Keystone $keystone_url/v3 (state in $state; stop with scripts/openstack/down.sh)"
