# shellcheck shell=bash
# Sourced by .ci/run: a throw-away PostgreSQL 15 cluster for the PostgreSQL store tests (recipe: ../shared/recipes/
# servers.md). start_test_postgres installs postgresql-15 when it is missing (as root, with apt-get), creates a cluster
# in a temporary folder owned by the postgres user (initdb refuses root), starts it on a free loopback port with trust
# auth and fsync off (test data only), and exports OFFLINEDATA_TEST_POSTGRES; stop_test_postgres stops it and removes
# the folder. An OFFLINEDATA_TEST_POSTGRES already set (a server of your own) is used as it is and nothing is started.

pg_version=15
pg_bin=/usr/lib/postgresql/$pg_version/bin
pg_dir=
pg_owner=

# Runs a command as the cluster's owner: the postgres user when we are root, else ourselves.
as_pg_owner() {
    if [ "$pg_owner" = postgres ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

# The first loopback port from OFFLINEDATA_TEST_POSTGRES_PORT (default 55433) up that nothing listens on.
free_loopback_port() {
    local port first=${OFFLINEDATA_TEST_POSTGRES_PORT:-55433}
    for port in $(seq "$first" $((first + 500))); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
    done
    return 1
}

# Returns 0 with OFFLINEDATA_TEST_POSTGRES exported, 1 when no server could be had (the reason on stderr).
start_test_postgres() {
    if [ -n "${OFFLINEDATA_TEST_POSTGRES:-}" ]; then
        echo "PostgreSQL: using OFFLINEDATA_TEST_POSTGRES as set (the password tests need OFFLINEDATA_TEST_POSTGRES_SCRAM and OFFLINEDATA_TEST_POSTGRES_SCRAM_PASSWORD too)"
        return 0
    fi
    if [ ! -x "$pg_bin/initdb" ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
        echo "Installing postgresql-$pg_version (the PostgreSQL store tests need a server)"
        export DEBIAN_FRONTEND=noninteractive
        apt_get_update_once
        apt-get install -y "postgresql-$pg_version" >/dev/null || true
    fi
    if [ ! -x "$pg_bin/initdb" ]; then
        echo "PostgreSQL $pg_version is not installed ($pg_bin/initdb) and could not be installed (Debian: apt-get install postgresql-$pg_version)." >&2
        return 1
    fi

    pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/offlinedata-test-pg.XXXXXX")
    if [ "$(id -u)" -eq 0 ]; then pg_owner=postgres; chown postgres "$pg_dir"; else pg_owner=$(id -un); fi
    local port
    port=$(free_loopback_port) || { echo "No free loopback port for PostgreSQL." >&2; return 1; }
    if ! as_pg_owner "'$pg_bin/initdb' -D '$pg_dir/data' -U odtest --auth=trust -E UTF8 --locale=C.UTF-8" >"$pg_dir/initdb.log" 2>&1; then
        echo "initdb failed:" >&2; cat "$pg_dir/initdb.log" >&2
        return 1
    fi
    if ! as_pg_owner "'$pg_bin/pg_ctl' -D '$pg_dir/data' -l '$pg_dir/log' -w -o \"-p $port -k '$pg_dir' -c listen_addresses=127.0.0.1 -c fsync=off\" start" >/dev/null; then
        echo "PostgreSQL did not start:" >&2; cat "$pg_dir/log" >&2
        return 1
    fi
    export OFFLINEDATA_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=odtest;Database=postgres"
    # The password tests need a login that asks for one (SCRAM): the same cluster, one database reached only with a
    # password made for this run (pg_hba's first matching line wins, so it goes before the trust lines).
    local scram_password
    scram_password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)
    if ! "$pg_bin/psql" -q -h 127.0.0.1 -p "$port" -U odtest -d postgres -v ON_ERROR_STOP=1 \
            -c "ALTER ROLE odtest PASSWORD '$scram_password'" -c "CREATE DATABASE odscram" >"$pg_dir/scram.log" 2>&1; then
        echo "Could not prepare the password (SCRAM) login:" >&2; cat "$pg_dir/scram.log" >&2
        return 1
    fi
    as_pg_owner "sed -i '1i host odscram odtest 127.0.0.1/32 scram-sha-256' '$pg_dir/data/pg_hba.conf' && '$pg_bin/pg_ctl' -D '$pg_dir/data' reload" >/dev/null
    export OFFLINEDATA_TEST_POSTGRES_SCRAM="Host=127.0.0.1;Port=$port;Username=odtest;Database=odscram"
    export OFFLINEDATA_TEST_POSTGRES_SCRAM_PASSWORD="$scram_password"
    echo "PostgreSQL $pg_version: a throw-away cluster on 127.0.0.1:$port (fsync off)"
    return 0
}

stop_test_postgres() {
    [ -n "$pg_dir" ] || return 0
    if [ -f "$pg_dir/data/postmaster.pid" ]; then
        as_pg_owner "'$pg_bin/pg_ctl' -D '$pg_dir/data' -m fast -w stop" >/dev/null 2>&1 || true
    fi
    rm -rf "$pg_dir"
    pg_dir=
}
