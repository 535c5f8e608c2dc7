package pack

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Authenticode says how to sign Windows files with osslsigncode: a PKCS #12
// file (.pfx/.p12) with its password, or a certificate and key in PEM.
// The zero value signs nothing.
type Authenticode struct {
	PKCS12    string // REQDESK_SIGN_PKCS12
	Password  string // REQDESK_SIGN_PASSWORD (of the PKCS #12 file or the PEM key)
	Cert, Key string // REQDESK_SIGN_CERT, REQDESK_SIGN_KEY (PEM)
	Timestamp string // REQDESK_SIGN_TIMESTAMP: an RFC 3161 time-stamp server, optional
}

// AuthenticodeFromEnv reads the signing settings from the environment.
func AuthenticodeFromEnv() (Authenticode, error) {
	a := Authenticode{PKCS12: os.Getenv("REQDESK_SIGN_PKCS12"), Password: os.Getenv("REQDESK_SIGN_PASSWORD"),
		Cert: os.Getenv("REQDESK_SIGN_CERT"), Key: os.Getenv("REQDESK_SIGN_KEY"), Timestamp: os.Getenv("REQDESK_SIGN_TIMESTAMP")}
	switch {
	case a.PKCS12 != "" && (a.Cert != "" || a.Key != ""):
		return a, errors.New("REQDESK_SIGN_PKCS12 与 REQDESK_SIGN_CERT/REQDESK_SIGN_KEY 只能设置一种")
	case (a.Cert == "") != (a.Key == ""):
		return a, errors.New("REQDESK_SIGN_CERT 和 REQDESK_SIGN_KEY 要一起设置")
	}
	return a, nil
}

// Enabled tells whether a certificate was given.
func (a Authenticode) Enabled() bool { return a.PKCS12 != "" || a.Cert != "" }

// Sign signs the Windows file at path in place (SHA-256, with the product's
// name), through a temporary file, so a failure leaves it as it was.
func (a Authenticode) Sign(path string) error {
	if !a.Enabled() {
		return errors.New("没有设置代码签名证书")
	}
	tool, err := exec.LookPath("osslsigncode")
	if err != nil {
		return fmt.Errorf("找不到 osslsigncode（Debian 包 osslsigncode）: %w", err)
	}
	args := []string{"sign", "-h", "sha256", "-n", ProductName, "-i", Homepage}
	if a.PKCS12 != "" {
		args = append(args, "-pkcs12", a.PKCS12)
	} else {
		args = append(args, "-certs", a.Cert, "-key", a.Key)
	}
	if a.Password != "" {
		// Through a file, not the command line, where any user could read it.
		pf, err := os.CreateTemp("", "reqdesk-signpass-*")
		if err != nil {
			return err
		}
		defer os.Remove(pf.Name())
		if _, err := pf.WriteString(a.Password); err != nil {
			pf.Close()
			return err
		}
		pf.Close()
		args = append(args, "-readpass", pf.Name())
	}
	if a.Timestamp != "" {
		args = append(args, "-ts", a.Timestamp)
	}
	tmp := path + ".signing"
	os.Remove(tmp)
	args = append(args, "-in", path, "-out", tmp)
	cmd := exec.Command(tool, args...)
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Run(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("osslsigncode 签名 %s 失败: %w\n%s", filepath.Base(path), err, log.String())
	}
	return os.Rename(tmp, path)
}
