#!/usr/bin/env bash
# Starts the machine's PostgreSQL cluster (Debian) and creates the kofu test role and database.
set -euo pipefail
ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
  if ! pg_lsclusters -h | grep -q .; then pg_createcluster "$ver" main >/dev/null; fi
  pg_ctlcluster "$ver" main start
fi
for _ in $(seq 1 30); do
  su postgres -c "psql -tAc 'select 1'" >/dev/null 2>&1 && break
  sleep 0.5
done
su postgres -c "psql -tAc \"select 1 from pg_roles where rolname='kofu'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"create role kofu login superuser password 'kofu'\""
su postgres -c "psql -tAc \"select 1 from pg_database where datname='kofu_test'\"" | grep -q 1 ||
  su postgres -c "createdb -O kofu kofu_test"
echo "postgres: ready (kofu_test on 127.0.0.1:5432)"
