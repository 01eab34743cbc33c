#!/bin/bash
# Measure mamori encrypt: MB/s on large files and files/s on small ones,
# with peak RSS, for several worker counts. Needs age-keygen and GNU time.
#
#   encrypt/testdata/bench.sh [DIR] [WORKERS...]     # default: /tmp/mamori-bench 1 2 4
#
# Trees: 16 random 64 MiB files (1 GiB), and 10,000 files of 4 KiB in 100
# directories; each is listed in a scan report as holding a phone number.
set -euo pipefail
dir=${1:-/tmp/mamori-bench}; shift || true
workers=${*:-1 2 4}
repo=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$dir"
(cd "$repo" && go build -o "$dir/mamori" .)
age-keygen -o "$dir/key.txt" 2>/dev/null || true
recipient=$(age-keygen -y "$dir/key.txt")

gen() { # gen NAME large|small
	local d="$dir/$1.src"
	[ -d "$d" ] && return
	mkdir -p "$d"
	if [ "$2" = large ]; then
		for i in $(seq -w 1 16); do head -c 64M /dev/urandom >"$d/f$i.csv"; done
	else
		head -c 4096 /dev/urandom >"$dir/blob"
		for i in $(seq 0 9999); do
			sub="$d/d$((i % 100))"; mkdir -p "$sub"; cp "$dir/blob" "$sub/f$i.csv"
		done
	fi
}

report() { # report NAME: a scan report listing every file of the tree
	(cd "$dir/$1" && find . -type f -printf '%P\n') | while read -r p; do
		printf '{"type":"file","path":"%s","root":"%s","size":0,"status":"ok","subjects":1,"categories":{"phone":{"count":1,"samples":[],"locations":[]}},"risk":"medium","appi":[]}\n' "$p" "$dir/$1"
	done >"$dir/$1.jsonl"
}

for kind in large small; do
	gen "$kind" "$kind"
	for w in $workers; do
		rm -rf "${dir:?}/$kind"; cp -r "$dir/$kind.src" "$dir/$kind"; sync
		report "$kind"
		echo "== $kind, $w workers"
		/usr/bin/time -v "$dir/mamori" encrypt --from "$dir/$kind.jsonl" -r "$recipient" \
			--workers "$w" --manifest "$dir/manifest.jsonl" 2>&1 |
			grep -E '暗号化|Elapsed|Maximum resident|User time|System time'
	done
done
