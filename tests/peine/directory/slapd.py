"""A real OpenLDAP server (Debian's slapd) for the tests, on a loopback port.

It runs from a slapd.conf in a temporary folder with an MDB database of its own, speaks
StartTLS with a certificate made for the run, and is filled with ldapadd: a service
account for the portal's searches, a few people and groups.
"""

import datetime
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

BASE = "dc=peine,dc=example"
ADMIN_DN = f"cn=admin,{BASE}"
ADMIN_PASSWORD = "admin-secret"
SERVICE_DN = f"cn=portal,ou=services,{BASE}"
SERVICE_PASSWORD = "service-secret"
PASSWORD = "Directory-Pass-1"  # every test person's


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _certificate(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    import ipaddress

    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def _hash(password: str) -> str:
    return subprocess.run(
        ["slappasswd", "-s", password], check=True, capture_output=True, text=True
    ).stdout.strip()


def person(uid: str, mail: str, given: str, sn: str) -> str:
    return (
        f"dn: uid={uid},ou=people,{BASE}\nobjectClass: inetOrgPerson\nuid: {uid}\n"
        f"cn: {given} {sn}\ngivenName: {given}\nsn: {sn}\nmail: {mail}\n"
        f"userPassword: {_hash(PASSWORD)}\n\n"
    )


def group(cn: str, members: list[str]) -> str:
    lines = [f"dn: cn={cn},ou=groups,{BASE}", "objectClass: groupOfNames", f"cn: {cn}"]
    lines += [f"member: uid={m},ou=people,{BASE}" for m in members]
    return "\n".join(lines) + "\n\n"


class Slapd:
    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="peine-slapd-"))
        self.port = _free_port()
        self.uri = f"ldap://127.0.0.1:{self.port}"
        self.cert, key = _certificate(self.folder)
        (self.folder / "db").mkdir()
        schema = Path("/etc/ldap/schema")
        (self.folder / "slapd.conf").write_text(
            f"include {schema}/core.schema\ninclude {schema}/cosine.schema\n"
            f"include {schema}/inetorgperson.schema\n"
            f"pidfile {self.folder}/slapd.pid\n"
            "modulepath /usr/lib/ldap\nmoduleload back_mdb\n"
            f"TLSCertificateFile {self.cert}\nTLSCertificateKeyFile {key}\n"
            "access to attrs=userPassword by self write by anonymous auth by * none\n"
            "access to * by users read by * none\n"
            f"database mdb\nsuffix {BASE}\nrootdn {ADMIN_DN}\n"
            f"rootpw {_hash(ADMIN_PASSWORD)}\ndirectory {self.folder}/db\n"
        )
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["/usr/sbin/slapd", "-f", str(self.folder / "slapd.conf"), "-h", self.uri, "-d", "0"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    break
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(self.process.stderr.read().decode()) from None
                time.sleep(0.1)
        self.add(
            f"dn: {BASE}\nobjectClass: dcObject\nobjectClass: organization\ndc: peine\n"
            "o: Stadt Peine\n\n"
            f"dn: ou=people,{BASE}\nobjectClass: organizationalUnit\nou: people\n\n"
            f"dn: ou=groups,{BASE}\nobjectClass: organizationalUnit\nou: groups\n\n"
            f"dn: ou=services,{BASE}\nobjectClass: organizationalUnit\nou: services\n\n"
            f"dn: {SERVICE_DN}\nobjectClass: person\ncn: portal\nsn: portal\n"
            f"userPassword: {_hash(SERVICE_PASSWORD)}\n\n"
        )
        return self

    def add(self, ldif: str) -> None:
        subprocess.run(
            ["ldapadd", "-x", "-H", self.uri, "-D", ADMIN_DN, "-w", ADMIN_PASSWORD],
            input=ldif,
            text=True,
            check=True,
            capture_output=True,
        )

    def modify(self, ldif: str) -> None:
        subprocess.run(
            ["ldapmodify", "-x", "-H", self.uri, "-D", ADMIN_DN, "-w", ADMIN_PASSWORD],
            input=ldif,
            text=True,
            check=True,
            capture_output=True,
        )

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process.stderr.close()
        shutil.rmtree(self.folder, ignore_errors=True)
