# shellcheck shell=bash
# Sourced by .ci/run: a throw-away OpenSSH server for the SFTP delivery tests (recipe: ../shared/recipes/servers.md).
# start_test_sftp installs openssh-server when sshd is missing (as root, with apt-get), creates a folder under /srv
# (a chroot and every folder above it must be root-owned and not group/world-writable, which rules out /tmp) with a
# chroot holding upload/, a host key made for this run, a login key, a passphrase-protected login key and an sshd_config,
# makes the sftp-only user (OFFLINEDATA_TEST_SFTP_USER, default odsftpci) with a password made for this run, starts sshd
# on a free loopback port and exports OFFLINEDATA_TEST_SFTP_* (below). stop_test_sftp stops it and removes the folder.
# An OFFLINEDATA_TEST_SFTP_HOST already set (a server of your own) is used as it is and nothing is started.
#
#   OFFLINEDATA_TEST_SFTP_HOST, _PORT      where sshd listens (127.0.0.1, a free port from 52222 up)
#   OFFLINEDATA_TEST_SFTP_USER, _PASSWORD  the chrooted sftp-only login (password made per run)
#   OFFLINEDATA_TEST_SFTP_KEY              an unencrypted private key file authorised for that user
#   OFFLINEDATA_TEST_SFTP_KEY_ENCRYPTED, _KEY_PASSPHRASE   a passphrase-protected one, and its passphrase
#   OFFLINEDATA_TEST_SFTP_FINGERPRINT      the host key's SHA256: fingerprint (ssh-keygen -lf)
#   OFFLINEDATA_TEST_SFTP_KNOWN_HOSTS      a known_hosts file with the host key under [127.0.0.1]:port
#   OFFLINEDATA_TEST_SFTP_DIR              the writable remote folder (/upload)
#   OFFLINEDATA_TEST_SFTP_ROOT             the chroot on the local disk (tests look at what arrived)
#   OFFLINEDATA_TEST_SFTP_UMAC_PORT        a second sshd (same key and user) offering only umac MACs, which SSH.NET lacks:
#                                          the negotiation-failure tests
#   OFFLINEDATA_TEST_SFTP_LOG              sshd's log (tests check that no login was tried)

sftp_dir=

sftp_free_port() {
    local port first=${OFFLINEDATA_TEST_SFTP_FIRST_PORT:-52222}
    for port in $(seq "$first" $((first + 500))); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
    done
    return 1
}

# Returns 0 with OFFLINEDATA_TEST_SFTP_* exported, 1 when no server could be had (the reason on stderr).
start_test_sftp() {
    if [ -n "${OFFLINEDATA_TEST_SFTP_HOST:-}" ]; then
        echo "SFTP: using OFFLINEDATA_TEST_SFTP_* as set"
        return 0
    fi
    if [ "$(id -u)" -ne 0 ]; then
        echo "The SFTP test server needs root (a chrooted sftp-only user); set OFFLINEDATA_TEST_SFTP_* for a server of your own." >&2
        return 1
    fi
    if [ ! -x /usr/sbin/sshd ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing openssh-server (the SFTP delivery tests need a server)"
        export DEBIAN_FRONTEND=noninteractive
        if declare -F apt_get_update_once >/dev/null; then apt_get_update_once; else apt-get update >/dev/null || true; fi
        apt-get install -y openssh-server >/dev/null || true
    fi
    if [ ! -x /usr/sbin/sshd ]; then
        echo "OpenSSH's sshd is not installed and could not be installed (Debian: apt-get install openssh-server)." >&2
        return 1
    fi

    local user=${OFFLINEDATA_TEST_SFTP_USER:-odsftpci} port password passphrase
    id "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user" || return 1
    password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)
    passphrase=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)
    echo "$user:$password" | chpasswd || return 1

    sftp_dir=$(mktemp -d /srv/offlinedata-test-sftp.XXXXXX) || return 1
    chmod 755 "$sftp_dir"
    mkdir -p "$sftp_dir/root/upload" "$sftp_dir/etc/keys" /run/sshd
    chown "$user": "$sftp_dir/root/upload"
    ssh-keygen -q -t ed25519 -N '' -C offlinedata-test-host -f "$sftp_dir/etc/hostkey" || return 1
    ssh-keygen -q -t ed25519 -N '' -C offlinedata-test-login -f "$sftp_dir/etc/login" || return 1
    ssh-keygen -q -t ed25519 -N "$passphrase" -C offlinedata-test-login-encrypted -f "$sftp_dir/etc/login-encrypted" || return 1
    cat "$sftp_dir/etc/login.pub" "$sftp_dir/etc/login-encrypted.pub" >"$sftp_dir/etc/keys/$user"
    port=$(sftp_free_port) || { echo "No free loopback port for sshd." >&2; return 1; }
    cat >"$sftp_dir/etc/sshd_config" <<CFG
Port $port
ListenAddress 127.0.0.1
HostKey $sftp_dir/etc/hostkey
PidFile $sftp_dir/etc/sshd.pid
AuthorizedKeysFile $sftp_dir/etc/keys/%u
PasswordAuthentication yes
KbdInteractiveAuthentication no
UsePAM yes
Subsystem sftp internal-sftp
AllowUsers $user
Match User $user
  ChrootDirectory $sftp_dir/root
  ForceCommand internal-sftp
  AllowTcpForwarding no
  X11Forwarding no
CFG
    if ! /usr/sbin/sshd -t -f "$sftp_dir/etc/sshd_config"; then
        echo "sshd rejected its test configuration." >&2
        return 1
    fi
    /usr/sbin/sshd -f "$sftp_dir/etc/sshd_config" -E "$sftp_dir/etc/sshd.log" || { cat "$sftp_dir/etc/sshd.log" >&2; return 1; }
    # The second server: a cipher that needs a MAC, and only a MAC SSH.NET does not implement.
    local umac_port
    umac_port=$(OFFLINEDATA_TEST_SFTP_FIRST_PORT=$((port + 1)) sftp_free_port) || { echo "No free loopback port for the second sshd." >&2; return 1; }
    sed -e "s/^Port .*/Port $umac_port/" -e "s|^PidFile .*|PidFile $sftp_dir/etc/sshd-umac.pid|" \
        -e "s|^Subsystem sftp internal-sftp|Subsystem sftp internal-sftp\nCiphers aes128-ctr\nMACs umac-128-etm@openssh.com|" \
        "$sftp_dir/etc/sshd_config" >"$sftp_dir/etc/sshd_umac_config"
    /usr/sbin/sshd -f "$sftp_dir/etc/sshd_umac_config" -E "$sftp_dir/etc/sshd-umac.log" || { cat "$sftp_dir/etc/sshd-umac.log" >&2; return 1; }
    local i p
    for p in "$port" "$umac_port"; do
        for i in $(seq 1 50); do
            (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && break
            sleep 0.1
        done
    done
    echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$sftp_dir/etc/hostkey.pub")" >"$sftp_dir/etc/known_hosts"
    export OFFLINEDATA_TEST_SFTP_HOST=127.0.0.1 OFFLINEDATA_TEST_SFTP_PORT=$port OFFLINEDATA_TEST_SFTP_UMAC_PORT=$umac_port
    export OFFLINEDATA_TEST_SFTP_USER=$user OFFLINEDATA_TEST_SFTP_PASSWORD=$password
    export OFFLINEDATA_TEST_SFTP_KEY=$sftp_dir/etc/login
    export OFFLINEDATA_TEST_SFTP_KEY_ENCRYPTED=$sftp_dir/etc/login-encrypted OFFLINEDATA_TEST_SFTP_KEY_PASSPHRASE=$passphrase
    OFFLINEDATA_TEST_SFTP_FINGERPRINT=$(ssh-keygen -lf "$sftp_dir/etc/hostkey.pub" | cut -d' ' -f2)
    export OFFLINEDATA_TEST_SFTP_FINGERPRINT
    export OFFLINEDATA_TEST_SFTP_KNOWN_HOSTS=$sftp_dir/etc/known_hosts
    export OFFLINEDATA_TEST_SFTP_DIR=/upload OFFLINEDATA_TEST_SFTP_ROOT=$sftp_dir/root OFFLINEDATA_TEST_SFTP_LOG=$sftp_dir/etc/sshd.log
    echo "SFTP: sshd on 127.0.0.1:$port, user $user, host key $OFFLINEDATA_TEST_SFTP_FINGERPRINT"
}

stop_test_sftp() {
    [ -n "$sftp_dir" ] || return 0
    local pid
    for pid in "$sftp_dir/etc/sshd.pid" "$sftp_dir/etc/sshd-umac.pid"; do
        if [ -f "$pid" ]; then kill "$(cat "$pid")" 2>/dev/null || true; fi
    done
    rm -rf "$sftp_dir"
    sftp_dir=
}
