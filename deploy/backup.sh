#!/usr/bin/env bash
# Back up a GridTerm server: the PostgreSQL database, then the blob folder (docs/operations.md).
#   deploy/backup.sh DATABASE_URL BLOB_DIR OUT_DIR
# The database goes first: a blob is stored before the record that names it commits, and
# blobs are never changed, so every blob the dump names is in the archive taken after it.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 DATABASE_URL BLOB_DIR OUT_DIR" >&2; exit 2; }
db=$1 blobs=$2 out=$3
mkdir -p "$out"
pg_dump --format=custom --no-owner --no-privileges --dbname="$db" --file="$out/gridterm.dump"
tar -C "$blobs" -czf "$out/blobs.tar.gz" .
(cd "$out" && sha256sum gridterm.dump blobs.tar.gz > SHA256SUMS)
echo "backup in $out: $(du -sh "$out" | cut -f1)"
