#!/usr/bin/env bash
# `npm run test:openstack`: start Glance + Keystone (scripts/openstack/up.sh), run the openstack-profile tests
# against them (test/openstack/), and stop them whatever happened.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/../.."
trap '"$here/down.sh"' EXIT
"$here/up.sh" || exit 1
npm run build --silent || exit 1
npx vitest run --config vitest.openstack.config.ts
