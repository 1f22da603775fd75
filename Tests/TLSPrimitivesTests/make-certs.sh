#!/usr/bin/env bash
# Test certificates, made fresh for each run (no key is ever committed):
#   ca.pem           the test CA;                client.pem/.key   a client signed by it
#   server.pem/.key  localhost and 127.0.0.1, signed by the test CA
#   expired.pem      the same name and key, valid only in January 2020
#   selfsigned.pem/.key, untrusted.pem/.key (signed by another CA)
set -euo pipefail
cd "$1"
quiet() { "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; }
quiet openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj "/CN=csi-swift test CA"
quiet openssl req -x509 -newkey rsa:2048 -nodes -keyout other-ca.key -out other-ca.pem -days 2 -subj "/CN=another CA"
printf "subjectAltName=DNS:localhost,IP:127.0.0.1\n" > san.cnf
sign() {  # sign NAME CA SUBJECT
    quiet openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "$3"
    quiet openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2.key" -CAcreateserial -out "$1.pem" -days 2 -extfile san.cnf
}
sign server ca "/CN=localhost"
sign untrusted other-ca "/CN=localhost"
sign client ca "/CN=test client"
quiet openssl req -x509 -newkey rsa:2048 -nodes -keyout selfsigned.key -out selfsigned.pem -days 2 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1"
mkdir -p db && : > db/index.txt && echo 01 > db/serial
cat > ca.cnf <<'CNF'
[ ca ]
default_ca = test
[ test ]
database = db/index.txt
serial = db/serial
new_certs_dir = db
default_md = sha256
policy = anything
copy_extensions = copy
[ anything ]
commonName = supplied
CNF
quiet openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -startdate 20200101000000Z \
    -enddate 20200102000000Z -in server.csr -out expired.pem
