package kernel

import (
	"errors"
	"fmt"
	"testing"
)

func TestSignerKnownVector(t *testing.T) {
	// RFC 4231-style check against the well-known HMAC-SHA256 of this
	// sentence; splitting it across parts must not change the digest, since
	// the protocol signs the concatenation of the four frames.
	s, err := newSigner("hmac-sha256", "key")
	if err != nil {
		t.Fatal(err)
	}
	const want = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
	got := s.sign([]byte("The quick brown fox "), []byte("jumps over "), []byte("the lazy dog"))
	if string(got) != want {
		t.Errorf("sign = %s, want %s", got, want)
	}
	if err := s.verify([]byte(want), []byte("The quick brown fox jumps over the lazy dog")); err != nil {
		t.Errorf("verify of a good signature: %v", err)
	}
}

func TestSignerSchemes(t *testing.T) {
	tests := []struct {
		scheme, key string
		wantErr     bool
		wantLen     int // hex length of a signature; 0 when unsigned
	}{
		{"hmac-sha256", "k", false, 64},
		{"hmac-sha512", "k", false, 128},
		{"hmac-sha1", "k", false, 40},
		{"hmac-md5", "k", true, 0},
		{"rot13", "k", true, 0},
		{"hmac-md5", "", false, 0}, // no key: the scheme is irrelevant
		{"hmac-sha256", "", false, 0},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%q", tt.scheme, tt.key), func(t *testing.T) {
			s, err := newSigner(tt.scheme, tt.key)
			if (err != nil) != tt.wantErr {
				t.Fatalf("newSigner err = %v, want error %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if got := len(s.sign([]byte("x"))); got != tt.wantLen {
				t.Errorf("signature length = %d, want %d", got, tt.wantLen)
			}
		})
	}
}

func TestSignerRejects(t *testing.T) {
	s, _ := newSigner("hmac-sha256", "secret")
	parts := [][]byte{[]byte(`{"msg_id":"1"}`), []byte(`{}`), []byte(`{}`), []byte(`{"code":"x"}`)}
	good := s.sign(parts...)
	other, _ := newSigner("hmac-sha256", "other")
	tests := []struct {
		name  string
		sig   []byte
		parts [][]byte
	}{
		{"empty signature", nil, parts},
		{"wrong key", other.sign(parts...), parts},
		{"tampered content", good, [][]byte{parts[0], parts[1], parts[2], []byte(`{"code":"y"}`)}},
		{"upper-case hex", []byte(fmt.Sprintf("%X", good)), parts},
		{"truncated", good[:10], parts},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := s.verify(tt.sig, tt.parts...); !errors.Is(err, errBadSignature) {
				t.Errorf("verify = %v, want errBadSignature", err)
			}
		})
	}
	unsigned, _ := newSigner("hmac-sha256", "")
	if err := unsigned.verify(nil, parts...); err != nil {
		t.Errorf("an empty key must accept unsigned messages: %v", err)
	}
}

func TestReplayGuard(t *testing.T) {
	g := newReplayGuard(3)
	for _, sig := range []string{"a", "b", "c"} {
		if err := g.check([]byte(sig)); err != nil {
			t.Fatalf("first sight of %s: %v", sig, err)
		}
	}
	if err := g.check([]byte("b")); !errors.Is(err, errReplayed) {
		t.Errorf("replayed b: %v, want errReplayed", err)
	}
	// "d" evicts the oldest, "a", which may then be seen again.
	if err := g.check([]byte("d")); err != nil {
		t.Fatal(err)
	}
	if err := g.check([]byte("a")); err != nil {
		t.Errorf("a after eviction: %v", err)
	}
	if err := g.check([]byte("d")); !errors.Is(err, errReplayed) {
		t.Errorf("replayed d: %v, want errReplayed", err)
	}
}
