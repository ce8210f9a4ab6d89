package kernel

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseConnectionInfo(t *testing.T) {
	tests := []struct {
		name    string
		json    string
		want    ConnectionInfo
		wantErr string
	}{
		{
			name: "jupyter_client's file",
			json: `{"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004, "hb_port": 5005,
				"ip": "127.0.0.1", "key": "a0436f6c-1916-498b-8eb9-e81ab9368e84", "transport": "tcp",
				"signature_scheme": "hmac-sha256", "kernel_name": "huntbook"}`,
			want: ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: 5001, IOPubPort: 5002, StdinPort: 5003,
				ControlPort: 5004, HBPort: 5005, Key: "a0436f6c-1916-498b-8eb9-e81ab9368e84",
				SignatureScheme: "hmac-sha256", KernelName: "huntbook"},
		},
		{
			name: "defaults",
			json: `{"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5}`,
			want: ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: 1, IOPubPort: 2, StdinPort: 3,
				ControlPort: 4, HBPort: 5, SignatureScheme: "hmac-sha256"},
		},
		{
			name: "ipc",
			json: `{"transport": "ipc", "ip": "/tmp/kernel-1", "shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5}`,
			want: ConnectionInfo{Transport: "ipc", IP: "/tmp/kernel-1", ShellPort: 1, IOPubPort: 2, StdinPort: 3,
				ControlPort: 4, HBPort: 5, SignatureScheme: "hmac-sha256"},
		},
		{
			name: "wildcard and IPv6 addresses",
			json: `{"ip": "*"}`,
			want: ConnectionInfo{Transport: "tcp", IP: "*", SignatureScheme: "hmac-sha256"},
		},
		{name: "not JSON", json: `shell_port=1`, wantErr: "invalid JSON"},
		{name: "port as string", json: `{"shell_port": "1"}`, wantErr: "invalid JSON"},
		{name: "unknown transport", json: `{"transport": "udp"}`, wantErr: `transport "udp"`},
		{name: "host name", json: `{"ip": "localhost"}`, wantErr: "not an IP address"},
		{name: "port out of range", json: `{"hb_port": 70000}`, wantErr: "hb_port 70000"},
		{name: "ipc without ports", json: `{"transport": "ipc", "ip": "/tmp/k"}`, wantErr: "must be set"},
		{name: "unsupported scheme", json: `{"key": "k", "signature_scheme": "hmac-md5"}`, wantErr: "not supported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseConnectionInfo([]byte(tt.json))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestEndpoint(t *testing.T) {
	tests := []struct {
		info ConnectionInfo
		want string
	}{
		{ConnectionInfo{Transport: "tcp", IP: "127.0.0.1"}, "tcp://127.0.0.1:5555"},
		{ConnectionInfo{Transport: "tcp", IP: "::1"}, "tcp://[::1]:5555"},
		{ConnectionInfo{Transport: "tcp", IP: "*"}, "tcp://*:5555"},
		{ConnectionInfo{Transport: "ipc", IP: "/run/kernel"}, "ipc:///run/kernel-5555"},
	}
	for _, tt := range tests {
		if got := tt.info.endpoint(5555); got != tt.want {
			t.Errorf("endpoint(%+v) = %q, want %q", tt.info, got, tt.want)
		}
	}
}

func TestReadConnectionFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "kernel-1.json")
	if err := os.WriteFile(path, []byte(`{"key": "k", "shell_port": 9}`), 0o600); err != nil {
		t.Fatal(err)
	}
	info, err := ReadConnectionFile(path)
	if err != nil || info.ShellPort != 9 || info.Key != "k" {
		t.Errorf("ReadConnectionFile = %+v, %v", info, err)
	}
	if _, err := ReadConnectionFile(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("a missing file must fail")
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"transport": "pgm"}`), 0o600)
	if _, err := ReadConnectionFile(bad); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("err = %v, want it to name the file", err)
	}
}

func FuzzParseConnectionInfo(f *testing.F) {
	f.Add([]byte(`{"shell_port": 5001, "ip": "127.0.0.1", "key": "k", "transport": "tcp", "signature_scheme": "hmac-sha256"}`))
	f.Add([]byte(`{"transport": "ipc", "ip": "/tmp/x", "shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := ParseConnectionInfo(data)
		if err != nil {
			return
		}
		for _, p := range info.ports() {
			if p.port < 0 || p.port > 65535 {
				t.Fatalf("accepted %s %d", p.name, p.port)
			}
			if !strings.Contains(info.endpoint(p.port), "://") {
				t.Fatalf("bad endpoint %q", info.endpoint(p.port))
			}
		}
		if _, err := newSigner(info.SignatureScheme, info.Key); err != nil {
			t.Fatalf("accepted a connection whose signer fails: %v", err)
		}
	})
}
