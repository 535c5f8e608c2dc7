// Package tlscert gives the team server its TLS certificate and lets a
// laptop trust exactly that certificate.
//
// A team server on an office network rarely has a certificate a public
// authority signed. So at its first start it makes its own (Ensure), keeps it
// in the data directory and shows its fingerprint; a laptop joining the team
// shows the fingerprint the server presents (Probe), the person compares it
// with the one the server printed, and from then on the laptop accepts that
// certificate and no other (PinnedClient). A server with a certificate of
// its own (serve --tls-cert/--tls-key) is loaded with Load.
package tlscert

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// File names of the self-signed certificate and its key in the data
// directory.
const (
	CertFile = "tls-cert.pem"
	KeyFile  = "tls-key.pem"
)

// Validity is how long a self-signed certificate is valid: long enough
// that no laptop has to pin a new one while the server runs.
const Validity = 20 * 365 * 24 * time.Hour

// Ensure returns the server's self-signed certificate kept in dir, making
// it at the first call: an ECDSA P-256 key (written with mode 0600) and a
// certificate for hosts, this machine's name and non-loopback addresses,
// localhost and the loopback addresses. Both files are written atomically;
// later calls load them again, so the fingerprint laptops pinned stays the
// same. A pair cut short at the first start (the key written, not the
// certificate) is made again; a certificate without its key, or files that
// do not load, are an error naming the files, never replaced silently.
func Ensure(dir string, hosts []string) (tls.Certificate, string, error) {
	certPath, keyPath := filepath.Join(dir, CertFile), filepath.Join(dir, KeyFile)
	if _, err := os.Stat(certPath); err == nil {
		c, err := Load(certPath, keyPath)
		if err != nil {
			return tls.Certificate{}, "", err
		}
		return c, Fingerprint(c.Certificate[0]), nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return tls.Certificate{}, "", err
	}
	certPEM, keyPEM, err := generate(hosts, time.Now())
	if err != nil {
		return tls.Certificate{}, "", err
	}
	// The key first: a certificate on disk always has its key beside it.
	if err := writeAtomic(keyPath, keyPEM, 0o600); err != nil {
		return tls.Certificate{}, "", err
	}
	if err := writeAtomic(certPath, certPEM, 0o644); err != nil {
		return tls.Certificate{}, "", err
	}
	c, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return tls.Certificate{}, "", err
	}
	return c, Fingerprint(c.Certificate[0]), nil
}

// Load reads a certificate (PEM, the leaf first, then any intermediates)
// and its private key; a file that is missing, unreadable or not a matching
// pair is a certificate_invalid error naming it.
func Load(certFile, keyFile string) (tls.Certificate, error) {
	for _, f := range []string{certFile, keyFile} {
		if _, err := os.Stat(f); err != nil {
			return tls.Certificate{}, invalid(f, err)
		}
	}
	c, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return tls.Certificate{}, invalid(certFile+", "+keyFile, err)
	}
	if c.Leaf == nil {
		if c.Leaf, err = x509.ParseCertificate(c.Certificate[0]); err != nil {
			return tls.Certificate{}, invalid(certFile, err)
		}
	}
	return c, nil
}

func invalid(file string, err error) error {
	return apperr.New(apperr.Invalid, "certificate_invalid", apperr.P{"file": file, "reason": err.Error()})
}

// Fingerprint is the SHA-256 of a certificate's DER bytes as a person
// compares it: 32 pairs of upper-case hex digits joined by colons
// (AB:CD:…).
func Fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	h := strings.ToUpper(hex.EncodeToString(sum[:]))
	parts := make([]string, 0, len(sum))
	for i := 0; i < len(h); i += 2 {
		parts = append(parts, h[i:i+2])
	}
	return strings.Join(parts, ":")
}

// ParseFingerprint reads a fingerprint as a person may type or paste it
// (any case, pairs joined by colons, spaces or nothing) and returns it in
// the form Fingerprint gives; anything but 64 hex digits is a
// fingerprint_invalid error.
func ParseFingerprint(s string) (string, error) {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r >= '0' && r <= '9', r >= 'A' && r <= 'F':
			b.WriteRune(r)
		case r == ':' || r == ' ' || r == '-' || r == '\t':
		default:
			return "", apperr.New(apperr.Invalid, "fingerprint_invalid", nil)
		}
	}
	raw, err := hex.DecodeString(b.String())
	if err != nil || len(raw) != sha256.Size {
		return "", apperr.New(apperr.Invalid, "fingerprint_invalid", nil)
	}
	h := b.String()
	parts := make([]string, 0, sha256.Size)
	for i := 0; i < len(h); i += 2 {
		parts = append(parts, h[i:i+2])
	}
	return strings.Join(parts, ":"), nil
}

// Mismatch is the certificate_mismatch error: the server presented a
// certificate other than the one pinned.
func Mismatch(want, got string) error {
	return apperr.New(apperr.Conflict, "certificate_mismatch", apperr.P{"want": want, "got": got})
}

// Config returns the client TLS configuration that accepts exactly the
// certificate with fingerprint (its leaf's SHA-256), whoever signed it and
// whatever names it holds; any other is refused with certificate_mismatch.
// An empty fingerprint means the usual verification against the system's
// authorities. A fingerprint that does not parse accepts nothing.
func Config(fingerprint string) *tls.Config {
	if fingerprint == "" {
		return &tls.Config{MinVersion: tls.VersionTLS12}
	}
	want, err := ParseFingerprint(fingerprint)
	if err != nil {
		want = fingerprint
	}
	return &tls.Config{
		MinVersion: tls.VersionTLS12,
		// The chain is not checked against authorities: the pin below is
		// the whole of the trust, compared on every connection.
		InsecureSkipVerify: true,
		VerifyConnection: func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return Mismatch(want, "")
			}
			if got := Fingerprint(cs.PeerCertificates[0].Raw); got != want {
				return Mismatch(want, got)
			}
			return nil
		},
	}
}

// PinnedClient returns an HTTP client whose connections accept only the
// certificate with fingerprint (see Config), each call bounded by timeout
// (0: none).
func PinnedClient(fingerprint string, timeout time.Duration) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = Config(fingerprint)
	return &http.Client{Transport: tr, Timeout: timeout}
}

// Probe connects to the server at rawURL and returns the fingerprint of the
// certificate it presents, without trusting it, for a person to compare
// before pinning it; tls is false (and the fingerprint empty) for an http
// URL, whose server is only checked to be reachable.
func Probe(ctx context.Context, rawURL string) (fingerprint string, isTLS bool, err error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return "", false, apperr.New(apperr.Invalid, "probe_url_invalid", apperr.P{"url": rawURL})
	}
	host := u.Host
	if u.Port() == "" {
		if u.Scheme == "https" {
			host = net.JoinHostPort(u.Hostname(), "443")
		} else {
			host = net.JoinHostPort(u.Hostname(), "80")
		}
	}
	if u.Scheme == "http" {
		var d net.Dialer
		conn, err := d.DialContext(ctx, "tcp", host)
		if err != nil {
			return "", false, unreachable(rawURL, err)
		}
		conn.Close()
		return "", false, nil
	}
	d := tls.Dialer{Config: &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS12, ServerName: u.Hostname()}}
	conn, err := d.DialContext(ctx, "tcp", host)
	if err != nil {
		return "", true, unreachable(rawURL, err)
	}
	defer conn.Close()
	certs := conn.(*tls.Conn).ConnectionState().PeerCertificates
	if len(certs) == 0 {
		return "", true, unreachable(rawURL, errors.New("no certificate"))
	}
	return Fingerprint(certs[0].Raw), true, nil
}

func unreachable(u string, err error) error {
	return apperr.New(apperr.Invalid, "probe_unreachable", apperr.P{"url": u, "reason": err.Error()})
}

// generate makes a self-signed certificate and its key, both PEM.
func generate(hosts []string, now time.Time) (certPEM, keyPEM []byte, err error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
	if err != nil {
		return nil, nil, err
	}
	name, _ := os.Hostname()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "ReqDesk team server " + name, Organization: []string{"ReqDesk 需求管家"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(Validity),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
	}
	tmpl.DNSNames, tmpl.IPAddresses = altNames(hosts, name)
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), nil
}

// altNames are the names a self-signed certificate is for: the hosts
// given (names or addresses), this machine's name, localhost, and every
// address of this machine.
func altNames(hosts []string, hostname string) ([]string, []net.IP) {
	var dns []string
	var ips []net.IP
	seen := map[string]bool{}
	add := func(h string) {
		h = strings.Trim(strings.TrimSpace(h), "[]")
		if h == "" || seen[h] {
			return
		}
		seen[h] = true
		if ip := net.ParseIP(h); ip != nil {
			if !ip.IsUnspecified() {
				ips = append(ips, ip)
			}
			return
		}
		dns = append(dns, h)
	}
	for _, h := range hosts {
		add(h)
	}
	add(hostname)
	add("localhost")
	add("127.0.0.1")
	add("::1")
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && !n.IP.IsLinkLocalUnicast() {
				add(n.IP.String())
			}
		}
	}
	return dns, ips
}

// writeAtomic writes data to path through a temporary file in the same
// directory, synced and renamed over it, then syncs the directory: after a
// crash the file is whole or absent.
func writeAtomic(path string, data []byte, mode os.FileMode) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("证书文件无法写入 %s: %w", dir, err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // a no-op once renamed
	if err := f.Chmod(mode); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
