package kernel

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"sync"
)

// signer signs and verifies messages with the connection file's key. With an
// empty key messages are neither signed nor checked, as the protocol says.
type signer struct {
	key     []byte
	newHash func() hash.Hash // nil when signing is off
}

// The schemes jupyter_client accepts are "hmac-" + any hashlib name; these are
// the ones anybody uses.
var signatureSchemes = map[string]func() hash.Hash{
	"hmac-sha256": sha256.New,
	"hmac-sha512": sha512.New,
	"hmac-sha1":   sha1.New,
}

func newSigner(scheme, key string) (*signer, error) {
	if key == "" {
		return &signer{}, nil
	}
	h, ok := signatureSchemes[scheme]
	if !ok {
		return nil, fmt.Errorf("signature_scheme %q is not supported (want hmac-sha256, hmac-sha512 or hmac-sha1)", scheme)
	}
	return &signer{key: []byte(key), newHash: h}, nil
}

func (s *signer) enabled() bool { return s.newHash != nil }

// sign returns the hex HMAC of the header, parent header, metadata and
// content frames, in that order; empty when signing is off.
func (s *signer) sign(parts ...[]byte) []byte {
	if !s.enabled() {
		return nil
	}
	mac := hmac.New(s.newHash, s.key)
	for _, p := range parts {
		mac.Write(p)
	}
	sum := mac.Sum(nil)
	out := make([]byte, hex.EncodedLen(len(sum)))
	hex.Encode(out, sum)
	return out
}

var errBadSignature = errors.New("invalid message signature")

// verify checks sig against the four signed frames in constant time.
func (s *signer) verify(sig []byte, parts ...[]byte) error {
	if !s.enabled() {
		return nil
	}
	if !hmac.Equal(sig, s.sign(parts...)) {
		return errBadSignature
	}
	return nil
}

// replayGuard remembers the signatures of the last messages accepted, so a
// captured signed message cannot be replayed (ipykernel keeps the same kind
// of digest history). It is shared by the shell and control readers.
type replayGuard struct {
	mu   sync.Mutex
	size int
	seen map[string]struct{}
	ring []string // grows to size, then overwritten oldest first
	next int
}

// replayWindow is how many signatures are remembered (ipykernel: 2^16).
const replayWindow = 1 << 16

// newReplayGuard returns an empty guard. Its memory grows with use:
// allocating the whole window up front costs megabytes of zeroed pages, which
// showed as ~15 ms of kernel start-up.
func newReplayGuard(size int) *replayGuard {
	return &replayGuard{size: size, seen: map[string]struct{}{}}
}

var errReplayed = errors.New("duplicate message signature (replayed message)")

// check records sig and fails when it was seen before.
func (g *replayGuard) check(sig []byte) error {
	key := string(sig)
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, dup := g.seen[key]; dup {
		return errReplayed
	}
	if len(g.ring) < g.size {
		g.ring = append(g.ring, key)
	} else {
		delete(g.seen, g.ring[g.next])
		g.ring[g.next] = key
		g.next = (g.next + 1) % g.size
	}
	g.seen[key] = struct{}{}
	return nil
}
