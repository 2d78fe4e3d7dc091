#!/usr/bin/env bash
# Writes the Secret files kustomize reads (k8s/base/platform/secrets/*.env and jwt-signing-key.pem) from
# the committed *.example files: every REPLACE_ME becomes its own random value, the JWT signing key is
# generated with openssl. An existing file is never overwritten. The files are in .gitignore.
#   k8s/make-secrets.sh && kubectl apply -k k8s/overlays/local
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)/base/platform/secrets"

for example in "$dir"/*.env.example; do
    target="${example%.example}"
    if [ -e "$target" ]; then echo "kept    $target"; continue; fi
    while IFS= read -r line; do
        if [[ "$line" == *=REPLACE_ME ]]; then
            line="${line%REPLACE_ME}$(openssl rand -hex 24)"
        fi
        printf '%s\n' "$line"
    done < "$example" > "$target"
    chmod 600 "$target"
    echo "wrote   $target"
done

key="$dir/jwt-signing-key.pem"
if [ -e "$key" ]; then
    echo "kept    $key"
else
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$key" 2>/dev/null
    chmod 600 "$key"
    echo "wrote   $key"
fi
echo "Edit the non-random values (SMTP account, administrator email) in $dir before applying."
