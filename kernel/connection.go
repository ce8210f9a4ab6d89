package kernel

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"strconv"
)

// ConnectionInfo is the content of the connection file Jupyter writes before
// starting a kernel: where to listen and how to sign messages.
type ConnectionInfo struct {
	Transport       string `json:"transport"` // "tcp" or "ipc"
	IP              string `json:"ip"`
	ShellPort       int    `json:"shell_port"`
	IOPubPort       int    `json:"iopub_port"`
	StdinPort       int    `json:"stdin_port"`
	ControlPort     int    `json:"control_port"`
	HBPort          int    `json:"hb_port"`
	Key             string `json:"key"`
	SignatureScheme string `json:"signature_scheme"`
	KernelName      string `json:"kernel_name,omitempty"`
}

// ReadConnectionFile reads and validates a connection file.
func ReadConnectionFile(path string) (ConnectionInfo, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return ConnectionInfo{}, fmt.Errorf("reading connection file: %w", err)
	}
	info, err := ParseConnectionInfo(data)
	if err != nil {
		return ConnectionInfo{}, fmt.Errorf("connection file %s: %w", path, err)
	}
	return info, nil
}

// ParseConnectionInfo decodes a connection file's JSON, fills the defaults
// jupyter_client assumes (tcp on 127.0.0.1, hmac-sha256) and rejects what the
// kernel could not honour. Port 0 means "any free port" (useful in tests; the
// kernel reports the chosen ports through Kernel.Connection).
func ParseConnectionInfo(data []byte) (ConnectionInfo, error) {
	var info ConnectionInfo
	if err := json.Unmarshal(data, &info); err != nil {
		return ConnectionInfo{}, fmt.Errorf("invalid JSON: %w", err)
	}
	if info.Transport == "" {
		info.Transport = "tcp"
	}
	if info.IP == "" {
		info.IP = "127.0.0.1"
	}
	if info.SignatureScheme == "" {
		info.SignatureScheme = "hmac-sha256"
	}
	switch info.Transport {
	case "tcp":
		if info.IP != "*" && net.ParseIP(info.IP) == nil {
			return ConnectionInfo{}, fmt.Errorf("ip %q is not an IP address", info.IP)
		}
	case "ipc":
	default:
		return ConnectionInfo{}, fmt.Errorf("transport %q is not supported (want tcp or ipc)", info.Transport)
	}
	for _, p := range info.ports() {
		if p.port < 0 || p.port > 65535 {
			return ConnectionInfo{}, fmt.Errorf("%s %d is out of range", p.name, p.port)
		}
		if info.Transport == "ipc" && p.port == 0 {
			return ConnectionInfo{}, fmt.Errorf("%s must be set for the ipc transport", p.name)
		}
	}
	if _, err := newSigner(info.SignatureScheme, info.Key); err != nil {
		return ConnectionInfo{}, err
	}
	return info, nil
}

type namedPort struct {
	name string
	port int
}

func (c ConnectionInfo) ports() []namedPort {
	return []namedPort{
		{"shell_port", c.ShellPort}, {"iopub_port", c.IOPubPort}, {"stdin_port", c.StdinPort},
		{"control_port", c.ControlPort}, {"hb_port", c.HBPort},
	}
}

// endpoint is the ZeroMQ address of one channel, as jupyter_client builds it:
// tcp://IP:PORT, or ipc://IP-PORT where IP is a path prefix.
func (c ConnectionInfo) endpoint(port int) string {
	if c.Transport == "ipc" {
		return "ipc://" + c.IP + "-" + strconv.Itoa(port)
	}
	return "tcp://" + net.JoinHostPort(c.IP, strconv.Itoa(port))
}
