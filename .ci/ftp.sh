# shellcheck shell=bash
# Sourced by .ci/run: throw-away vsftpd servers for the FTP and FTPS delivery tests (recipe: ../shared/recipes/servers.md).
# start_test_ftp installs vsftpd when it is missing (as root, with apt-get), creates a folder under /srv holding a
# chroot (root-owned, not writable: vsftpd refuses a writable chroot) with upload/ (writable) and small/ (a 2 MB tmpfs,
# or a loop-mounted 2 MB ext2 image where tmpfs cannot be mounted: the disk-full tests), a self-signed certificate made
# for this run, its own PAM service (the sftp-style user has /usr/sbin/nologin as its shell, which Debian's vsftpd PAM
# service refuses through pam_shells), makes the user (OFFLINEDATA_TEST_FTP_USER, default odftpci) with a password made
# for this run, and starts two vsftpd in passive mode on free loopback ports: plain FTP, and explicit TLS (AUTH TLS;
# login and data must be encrypted). stop_test_ftp stops both, unmounts small/ and removes everything it made.
# An OFFLINEDATA_TEST_FTP_HOST already set (a server of your own) is used as it is and nothing is started.
#
#   OFFLINEDATA_TEST_FTP_HOST, _PORT       the plain FTP server (localhost: 127.0.0.1 by name; a free port from 52121 up,
#                                          or from OFFLINEDATA_TEST_FTP_FIRST_PORT)
#   OFFLINEDATA_TEST_FTP_TLS_PORT          the explicit-TLS server (same user, same folders)
#   OFFLINEDATA_TEST_FTP_USER, _PASSWORD   the chrooted login (password made per run)
#   OFFLINEDATA_TEST_FTP_DIR               the writable remote folder (/upload)
#   OFFLINEDATA_TEST_FTP_SMALL_DIR         a remote folder on a 2 MB file system (/small)
#   OFFLINEDATA_TEST_FTP_ROOT              the chroot on the local disk (tests look at what arrived)
#   OFFLINEDATA_TEST_FTP_CERT_FINGERPRINT  the certificate's SHA-256 fingerprint (AB:CD:..., as openssl prints it)
#   OFFLINEDATA_TEST_FTP_LOG               the TLS server's protocol log (tests check that no USER was sent)
#   OFFLINEDATA_TEST_FTP_PLAIN_LOG         the plain server's protocol log

ftp_dir=
ftp_small_mounted=
ftp_pam_service=

ftp_free_port() {
    local port first=$1 last=$2
    for port in $(seq "$first" "$last"); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
    done
    return 1
}

# Returns 0 with OFFLINEDATA_TEST_FTP_* exported, 1 when no server could be had (the reason on stderr).
start_test_ftp() {
    if [ -n "${OFFLINEDATA_TEST_FTP_HOST:-}" ]; then
        echo "FTP: using OFFLINEDATA_TEST_FTP_* as set"
        return 0
    fi
    if [ "$(id -u)" -ne 0 ]; then
        echo "The FTP test servers need root (a local user, a chroot, a tmpfs); set OFFLINEDATA_TEST_FTP_* for a server of your own." >&2
        return 1
    fi
    if [ ! -x /usr/sbin/vsftpd ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing vsftpd (the FTP delivery tests need a server)"
        export DEBIAN_FRONTEND=noninteractive
        if declare -F apt_get_update_once >/dev/null; then apt_get_update_once; else apt-get update >/dev/null || true; fi
        apt-get install -y vsftpd >/dev/null || true
        # The package may start its own server on port 21 where an init system runs: that one is not ours to keep.
        if command -v systemctl >/dev/null 2>&1; then systemctl stop vsftpd >/dev/null 2>&1 || true; fi
    fi
    if [ ! -x /usr/sbin/vsftpd ]; then
        echo "vsftpd is not installed and could not be installed (Debian: apt-get install vsftpd)." >&2
        return 1
    fi
    if ! command -v openssl >/dev/null 2>&1; then
        echo "openssl is needed to make the FTPS test certificate." >&2
        return 1
    fi

    local user=${OFFLINEDATA_TEST_FTP_USER:-odftpci} password first=${OFFLINEDATA_TEST_FTP_FIRST_PORT:-52121}
    local port tls_port
    id "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user" || return 1
    password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)
    echo "$user:$password" | chpasswd || return 1

    ftp_dir=$(mktemp -d /srv/offlinedata-test-ftp.XXXXXX) || return 1
    # vsftpd changes into the user's home before local_root: the home is this run's chroot.
    usermod -d "$ftp_dir/root" "$user" || return 1
    chmod 755 "$ftp_dir"
    mkdir -p "$ftp_dir/root/upload" "$ftp_dir/root/small" "$ftp_dir/etc" /var/run/vsftpd/empty
    chmod 555 "$ftp_dir/root"
    # The disk-full tests need a folder that really fills up: a 2 MB tmpfs, else a loop-mounted 2 MB ext2 image.
    if mount -t tmpfs -o size=2m,mode=0755 offlinedata-test-ftp "$ftp_dir/root/small" 2>/dev/null; then
        ftp_small_mounted=tmpfs
    elif truncate -s 2M "$ftp_dir/etc/small.img" && mkfs.ext2 -q -F "$ftp_dir/etc/small.img" >/dev/null 2>&1 \
        && mount -o loop "$ftp_dir/etc/small.img" "$ftp_dir/root/small" 2>/dev/null; then
        ftp_small_mounted=ext2
        rm -rf "$ftp_dir/root/small/lost+found"
    else
        echo "FTP: neither a tmpfs nor a loop-mounted image could be mounted; the disk-full tests will fail." >&2
    fi
    chown "$user": "$ftp_dir/root/upload" "$ftp_dir/root/small"

    # Its own PAM service: password check only (pam_unix), no /etc/shells and no /etc/ftpusers for the test user.
    ftp_pam_service=offlinedata-test-ftp-$user
    printf 'auth required pam_unix.so\naccount required pam_unix.so\nsession required pam_unix.so\n' >"/etc/pam.d/$ftp_pam_service"

    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
        -keyout "$ftp_dir/etc/key.pem" -out "$ftp_dir/etc/cert.pem" >/dev/null 2>&1 || { echo "openssl could not make the test certificate." >&2; return 1; }
    chmod 600 "$ftp_dir/etc/key.pem"

    port=$(ftp_free_port "$first" $((first + 9))) || { echo "No free loopback port for vsftpd." >&2; return 1; }
    tls_port=$(ftp_free_port $((port + 1)) $((first + 9))) || { echo "No free loopback port for the FTPS vsftpd." >&2; return 1; }
    cat >"$ftp_dir/etc/vsftpd.conf" <<CFG
listen=YES
listen_address=127.0.0.1
listen_port=$port
background=YES
anonymous_enable=NO
local_enable=YES
write_enable=YES
local_umask=022
chroot_local_user=YES
local_root=$ftp_dir/root
userlist_enable=YES
userlist_deny=NO
userlist_file=$ftp_dir/etc/users
pasv_enable=YES
pasv_min_port=$((first + 10))
pasv_max_port=$((first + 99))
pasv_address=127.0.0.1
pam_service_name=$ftp_pam_service
secure_chroot_dir=/var/run/vsftpd/empty
seccomp_sandbox=NO
xferlog_enable=YES
xferlog_std_format=NO
log_ftp_protocol=YES
vsftpd_log_file=$ftp_dir/etc/vsftpd-plain.log
CFG
    echo "$user" >"$ftp_dir/etc/users"
    # The TLS server: the same, on its own port, with login and data required to be encrypted (explicit: AUTH TLS).
    sed -e "s/^listen_port=.*/listen_port=$tls_port/" -e "s|^vsftpd_log_file=.*|vsftpd_log_file=$ftp_dir/etc/vsftpd-tls.log|" \
        "$ftp_dir/etc/vsftpd.conf" >"$ftp_dir/etc/vsftpd-tls.conf"
    cat >>"$ftp_dir/etc/vsftpd-tls.conf" <<CFG
ssl_enable=YES
rsa_cert_file=$ftp_dir/etc/cert.pem
rsa_private_key_file=$ftp_dir/etc/key.pem
allow_anon_ssl=NO
force_local_logins_ssl=YES
force_local_data_ssl=YES
ssl_ciphers=HIGH
CFG
    /usr/sbin/vsftpd "$ftp_dir/etc/vsftpd.conf" || { echo "vsftpd (plain) did not start." >&2; return 1; }
    /usr/sbin/vsftpd "$ftp_dir/etc/vsftpd-tls.conf" || { echo "vsftpd (TLS) did not start." >&2; return 1; }
    local i p ready
    for p in "$port" "$tls_port"; do
        ready=
        for i in $(seq 1 50); do
            if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then ready=1; break; fi
            sleep 0.1
        done
        [ -n "$ready" ] || { echo "vsftpd does not listen on 127.0.0.1:$p." >&2; return 1; }
    done
    # The host by name, as users name theirs: .NET on Linux resumes a TLS session (which vsftpd requires of every FTPS
    # data connection, require_ssl_reuse=YES by default) only for a named host, not for an IP address.
    export OFFLINEDATA_TEST_FTP_HOST=localhost OFFLINEDATA_TEST_FTP_PORT=$port OFFLINEDATA_TEST_FTP_TLS_PORT=$tls_port
    export OFFLINEDATA_TEST_FTP_USER=$user OFFLINEDATA_TEST_FTP_PASSWORD=$password
    export OFFLINEDATA_TEST_FTP_DIR=/upload OFFLINEDATA_TEST_FTP_SMALL_DIR=/small OFFLINEDATA_TEST_FTP_ROOT=$ftp_dir/root
    OFFLINEDATA_TEST_FTP_CERT_FINGERPRINT=$(openssl x509 -in "$ftp_dir/etc/cert.pem" -noout -fingerprint -sha256 | sed 's/^[^=]*=//')
    export OFFLINEDATA_TEST_FTP_CERT_FINGERPRINT
    export OFFLINEDATA_TEST_FTP_LOG=$ftp_dir/etc/vsftpd-tls.log OFFLINEDATA_TEST_FTP_PLAIN_LOG=$ftp_dir/etc/vsftpd-plain.log
    echo "FTP: vsftpd on 127.0.0.1:$port (plain) and :$tls_port (explicit TLS), user $user, small folder: ${ftp_small_mounted:-none}, certificate $OFFLINEDATA_TEST_FTP_CERT_FINGERPRINT"
}

stop_test_ftp() {
    [ -n "$ftp_dir" ] || return 0
    local conf pid
    # vsftpd (listen=YES, background=YES) writes no PID file: its listener is the process started with our config.
    for conf in "$ftp_dir/etc/vsftpd.conf" "$ftp_dir/etc/vsftpd-tls.conf"; do
        for pid in $(pgrep -x -f "/usr/sbin/vsftpd $conf" || true); do kill "$pid" 2>/dev/null || true; done
    done
    if [ -n "$ftp_small_mounted" ]; then umount "$ftp_dir/root/small" 2>/dev/null || umount -l "$ftp_dir/root/small" 2>/dev/null || true; fi
    [ -z "$ftp_pam_service" ] || rm -f "/etc/pam.d/$ftp_pam_service"
    chmod 755 "$ftp_dir/root" 2>/dev/null || true
    rm -rf "$ftp_dir"
    ftp_dir=
    ftp_small_mounted=
    ftp_pam_service=
}
