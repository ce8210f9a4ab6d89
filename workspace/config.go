package workspace

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/huntbook/huntbook/notebook"
)

// Config is huntbook.yaml: what a workspace is and how its queries run.
type Config struct {
	Name string `yaml:"name"`
	// MemoryLimit caps the engine's memory ("4GiB", "512MB"; empty = the
	// engine's default).
	MemoryLimit string `yaml:"memory_limit,omitempty"`
	// Threads the engine may use (0 = all cores).
	Threads int `yaml:"threads,omitempty"`
	// QueryTimeout ends a query that runs longer ("5m"; empty = 10m).
	QueryTimeout Duration `yaml:"query_timeout,omitempty"`
}

// Duration is a time.Duration written as Go duration text in YAML.
type Duration time.Duration

// Duration returns the value as a time.Duration.
func (d Duration) Duration() time.Duration { return time.Duration(d) }

// MarshalYAML writes "5m0s".
func (d Duration) MarshalYAML() (any, error) { return time.Duration(d).String(), nil }

// UnmarshalYAML reads Go duration text.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*d = Duration(v)
	return nil
}

const defaultQueryTimeout = Duration(10 * time.Minute)

// MemoryLimitBytes parses MemoryLimit; 0 means the engine's default.
func (c Config) MemoryLimitBytes() int64 {
	n, _ := parseBytes(c.MemoryLimit)
	return n
}

// parseBytes reads sizes such as "512MB", "4GiB", "1000000".
func parseBytes(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	units := []struct {
		suffix string
		mult   int64
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"TIB", 1 << 40},
		{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12}, {"B", 1}}
	up := strings.ToUpper(s)
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(up, u.suffix) {
			up, mult = strings.TrimSpace(strings.TrimSuffix(up, u.suffix)), u.mult
			break
		}
	}
	var n float64
	if _, err := fmt.Sscan(up, &n); err != nil || n < 0 {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return int64(n * float64(mult)), nil
}

// validate reports config values that cannot work.
func (c Config) validate() error {
	if _, err := parseBytes(c.MemoryLimit); err != nil {
		return fmt.Errorf("memory_limit: %w", err)
	}
	if c.Threads < 0 {
		return fmt.Errorf("threads: %d is negative", c.Threads)
	}
	if c.QueryTimeout < 0 {
		return fmt.Errorf("query_timeout: negative")
	}
	return nil
}

// loadOrCreateConfig reads dir/huntbook.yaml; with create it writes a
// default one (and the directory) when missing.
func loadOrCreateConfig(dir string, create bool) (Config, error) {
	path := filepath.Join(dir, ConfigFile)
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && create:
		cfg := Config{Name: filepath.Base(dir), QueryTimeout: defaultQueryTimeout}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return Config{}, err
		}
		return cfg, SaveConfig(dir, cfg)
	case errors.Is(err, fs.ErrNotExist):
		return Config{}, fmt.Errorf("%s: %w (no %s)", dir, ErrNotWorkspace, ConfigFile)
	case err != nil:
		return Config{}, err
	}
	var cfg Config
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
		return Config{}, fmt.Errorf("%s: %w", path, err)
	}
	if cfg.QueryTimeout == 0 {
		cfg.QueryTimeout = defaultQueryTimeout
	}
	if err := cfg.validate(); err != nil {
		return Config{}, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

// SaveConfig writes dir/huntbook.yaml atomically.
func SaveConfig(dir string, cfg Config) error {
	data, err := yaml.Marshal(cfg)
	if err != nil {
		return err
	}
	header := "# huntbook workspace configuration\n"
	return notebook.WriteFileAtomic(filepath.Join(dir, ConfigFile), append([]byte(header), data...))
}
