package kernel

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// frames builds a message's wire frames by hand (independently of encode),
// signed with key.
func frames(t testing.TB, key string, ids []string, header, parent, meta, content string, buffers ...string) [][]byte {
	t.Helper()
	s, err := newSigner("hmac-sha256", key)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for _, id := range ids {
		out = append(out, []byte(id))
	}
	out = append(out, []byte("<IDS|MSG>"), s.sign([]byte(header), []byte(parent), []byte(meta), []byte(content)),
		[]byte(header), []byte(parent), []byte(meta), []byte(content))
	for _, b := range buffers {
		out = append(out, []byte(b))
	}
	return out
}

const testHeader = `{"msg_id":"m1","session":"s1","username":"u","date":"2024-01-01T00:00:00Z","msg_type":"execute_request","version":"5.3","subshell_id":null}`

func TestDecodeMessage(t *testing.T) {
	s, _ := newSigner("hmac-sha256", "secret")
	raw := frames(t, "secret", []string{"peer", "proxy"}, testHeader, `{}`, `{"x":1}`, `{"code":"T"}`, "buf0", "buf1")
	m, err := decodeMessage(raw, s, newReplayGuard(8))
	if err != nil {
		t.Fatal(err)
	}
	want := &Message{
		Identities:   [][]byte{[]byte("peer"), []byte("proxy")},
		Header:       Header{MsgID: "m1", Session: "s1", Username: "u", Date: "2024-01-01T00:00:00Z", MsgType: "execute_request", Version: "5.3"},
		RawHeader:    json.RawMessage(testHeader),
		ParentHeader: json.RawMessage(`{}`),
		Metadata:     json.RawMessage(`{"x":1}`),
		Content:      json.RawMessage(`{"code":"T"}`),
		Buffers:      [][]byte{[]byte("buf0"), []byte("buf1")},
	}
	if diff := cmp.Diff(want, m); diff != "" {
		t.Errorf("decoded message (-want +got):\n%s", diff)
	}
}

func TestDecodeMessageRejects(t *testing.T) {
	good := func() [][]byte { return frames(t, "secret", []string{"peer"}, testHeader, `{}`, `{}`, `{}`) }
	tests := []struct {
		name    string
		frames  [][]byte
		wantErr error // nil: any decodeError
	}{
		{"no delimiter", [][]byte{[]byte("peer"), []byte("junk")}, nil},
		{"empty", nil, nil},
		{"too few frames", good()[:5], nil},
		{"unsigned", func() [][]byte { f := good(); f[2] = nil; return f }(), errBadSignature},
		{"signed with another key", frames(t, "other", []string{"peer"}, testHeader, `{}`, `{}`, `{}`), errBadSignature},
		{"tampered content", func() [][]byte { f := good(); f[6] = []byte(`{"code":"evil"}`); return f }(), errBadSignature},
		{"header not JSON", frames(t, "secret", nil, `nope`, `{}`, `{}`, `{}`), nil},
		{"header is an array", frames(t, "secret", nil, `[1]`, `{}`, `{}`, `{}`), nil},
		{"header without msg_type", frames(t, "secret", nil, `{"msg_id":"x"}`, `{}`, `{}`, `{}`), nil},
		{"header without msg_id", frames(t, "secret", nil, `{"msg_type":"kernel_info_request"}`, `{}`, `{}`, `{}`), nil},
		{"content not an object", frames(t, "secret", nil, testHeader, `{}`, `{}`, `"code"`), nil},
		{"metadata not JSON", frames(t, "secret", nil, testHeader, `{}`, `{`, `{}`), nil},
		{"parent not an object", frames(t, "secret", nil, testHeader, `null`, `{}`, `{}`), nil},
	}
	s, _ := newSigner("hmac-sha256", "secret")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeMessage(tt.frames, s, newReplayGuard(8))
			var de *decodeError
			switch {
			case err == nil:
				t.Fatal("decoded a message that must be rejected")
			case tt.wantErr != nil && !errors.Is(err, tt.wantErr):
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			case tt.wantErr == nil && !errors.As(err, &de):
				t.Errorf("err = %v, want a decodeError", err)
			}
		})
	}
}

func TestDecodeMessageReplay(t *testing.T) {
	s, _ := newSigner("hmac-sha256", "secret")
	g := newReplayGuard(8)
	raw := frames(t, "secret", []string{"peer"}, testHeader, `{}`, `{}`, `{}`)
	if _, err := decodeMessage(raw, s, g); err != nil {
		t.Fatal(err)
	}
	if _, err := decodeMessage(raw, s, g); !errors.Is(err, errReplayed) {
		t.Errorf("second delivery: %v, want errReplayed", err)
	}
	// Without a key there is no signature to track: identical messages pass.
	u, _ := newSigner("hmac-sha256", "")
	unsigned := frames(t, "", nil, testHeader, `{}`, `{}`, `{}`)
	for i := range 2 {
		if _, err := decodeMessage(unsigned, u, g); err != nil {
			t.Errorf("unsigned delivery %d: %v", i, err)
		}
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	s, _ := newSigner("hmac-sha256", "secret")
	out := &outgoing{
		identities: [][]byte{[]byte("peer")},
		msgType:    "execute_reply",
		parent:     json.RawMessage(testHeader),
		metadata:   map[string]any{"started": "now"},
		content:    map[string]any{"status": "ok", "execution_count": 3},
		buffers:    [][]byte{[]byte("b")},
	}
	now := time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.UTC)
	raw, err := out.encode(s, "kernel-session", now)
	if err != nil {
		t.Fatal(err)
	}
	m, err := decodeMessage(raw, s, newReplayGuard(8))
	if err != nil {
		t.Fatalf("the kernel cannot decode its own message: %v", err)
	}
	if m.Header.MsgType != "execute_reply" || m.Header.Session != "kernel-session" || m.Header.Version != ProtocolVersion {
		t.Errorf("header = %+v", m.Header)
	}
	if m.Header.Date != "2024-05-06T07:08:09.123456Z" {
		t.Errorf("date = %q, want microseconds in UTC with Z", m.Header.Date)
	}
	if len(m.Header.MsgID) != 36 {
		t.Errorf("msg_id %q is not a UUID", m.Header.MsgID)
	}
	if !bytes.Equal(m.ParentHeader, []byte(testHeader)) {
		t.Errorf("parent header %s is not the request's header verbatim", m.ParentHeader)
	}
	var content map[string]any
	if err := json.Unmarshal(m.Content, &content); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]any{"status": "ok", "execution_count": 3.0}, content); diff != "" {
		t.Errorf("content (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([][]byte{[]byte("b")}, m.Buffers); diff != "" {
		t.Errorf("buffers (-want +got):\n%s", diff)
	}

	// No parent and no metadata encode as empty objects, never null.
	raw, err = (&outgoing{msgType: "status", content: statusContent{"idle"}}).encode(s, "k", now)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(raw[3]) + string(raw[4]); got != "{}{}" {
		t.Errorf("parent+metadata = %s, want {}{}", got)
	}
}

func TestEncodeUnmarshalable(t *testing.T) {
	s, _ := newSigner("hmac-sha256", "")
	_, err := (&outgoing{msgType: "display_data", content: map[string]any{"f": func() {}}}).encode(s, "k", time.Now())
	if err == nil {
		t.Error("encoding a func must fail")
	}
}

func FuzzDecodeMessage(f *testing.F) {
	seed := frames(f, "k", []string{"id"}, testHeader, `{}`, `{}`, `{"code":"x"}`)
	f.Add(bytes.Join(seed, []byte{0}))
	f.Add([]byte("<IDS|MSG>\x00\x00{}\x00{}\x00{}\x00{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// NUL separates frames: enough to reach every branch of the decoder.
		fs := bytes.Split(data, []byte{0})
		for _, key := range []string{"", "k"} {
			s, _ := newSigner("hmac-sha256", key)
			m, err := decodeMessage(fs, s, newReplayGuard(4))
			if err != nil {
				continue
			}
			if m.Header.MsgType == "" || m.Header.MsgID == "" || !isJSONObject(m.Content) {
				t.Fatalf("accepted an invalid message: %+v", m)
			}
		}
	})
}
