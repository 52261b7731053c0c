#!/usr/bin/env bash
# Restore a GridTerm server backup made by deploy/backup.sh (docs/operations.md).
#   deploy/restore.sh BACKUP_DIR DATABASE_URL BLOB_DIR
# DATABASE_URL must name a new, empty database (createdb); BLOB_DIR an empty or new folder.
# The restored database gets a new instance id: terminals then start their pulls again from
# the beginning (their cursors name the old one), since what they pulled after the backup is
# not in it, and its transaction ids may start lower on another PostgreSQL cluster.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 BACKUP_DIR DATABASE_URL BLOB_DIR" >&2; exit 2; }
backup=$1 db=$2 blobs=$3
(cd "$backup" && sha256sum --check --quiet SHA256SUMS)
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$db" "$backup/gridterm.dump"
psql --quiet --no-psqlrc --set=ON_ERROR_STOP=1 --dbname="$db" \
  --command="UPDATE server_meta SET value = substr(md5(random()::text), 1, 8) WHERE key = 'instance'"
mkdir -p "$blobs"
tar -C "$blobs" -xzf "$backup/blobs.tar.gz"
echo "restored into $db and $blobs"
