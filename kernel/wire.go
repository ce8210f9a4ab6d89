package kernel

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// ProtocolVersion is the version of the Jupyter messaging protocol spoken.
const ProtocolVersion = "5.3"

// delimiter separates the routing identities from the message proper.
var delimiter = []byte("<IDS|MSG>")

// Header is a message header. Incoming headers are also kept raw (see
// Message.RawHeader) so that replies echo them unchanged as parent_header,
// including fields this kernel does not know.
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// Message is a decoded, verified message.
type Message struct {
	Identities   [][]byte
	Header       Header
	RawHeader    json.RawMessage
	ParentHeader json.RawMessage
	Metadata     json.RawMessage
	Content      json.RawMessage
	Buffers      [][]byte
}

// decodeError is why a set of frames is not a valid message; such messages are
// dropped (there is no trustworthy header to reply to).
type decodeError struct{ reason string }

func (e *decodeError) Error() string { return "malformed message: " + e.reason }

// maxIdentities bounds the routing prefix: a ROUTER peer has one, proxies add a
// few; thousands mean garbage.
const maxIdentities = 16

// decodeMessage splits frames at the delimiter, verifies the signature before
// parsing anything, and decodes the header. Parent header, metadata and content
// must be JSON objects; they stay raw for the handlers.
func decodeMessage(frames [][]byte, s *signer, guard *replayGuard) (*Message, error) {
	d := -1
	for i, f := range frames {
		if bytes.Equal(f, delimiter) {
			d = i
			break
		}
		if i >= maxIdentities {
			break
		}
	}
	if d < 0 {
		return nil, &decodeError{"no <IDS|MSG> delimiter"}
	}
	rest := frames[d+1:]
	if len(rest) < 5 {
		return nil, &decodeError{fmt.Sprintf("%d frames after the delimiter, want at least 5", len(rest))}
	}
	sig, hdr, parent, meta, content := rest[0], rest[1], rest[2], rest[3], rest[4]
	if err := s.verify(sig, hdr, parent, meta, content); err != nil {
		return nil, err
	}
	if s.enabled() {
		if err := guard.check(sig); err != nil {
			return nil, err
		}
	}
	m := &Message{
		Identities:   frames[:d],
		RawHeader:    json.RawMessage(hdr),
		ParentHeader: json.RawMessage(parent),
		Metadata:     json.RawMessage(meta),
		Content:      json.RawMessage(content),
		Buffers:      rest[5:],
	}
	if err := json.Unmarshal(hdr, &m.Header); err != nil || !isJSONObject(hdr) {
		return nil, &decodeError{"header is not a JSON object"}
	}
	if m.Header.MsgType == "" || m.Header.MsgID == "" {
		return nil, &decodeError{"header lacks msg_type or msg_id"}
	}
	for _, part := range []struct {
		name string
		raw  []byte
	}{{"parent_header", parent}, {"metadata", meta}, {"content", content}} {
		if !isJSONObject(part.raw) {
			return nil, &decodeError{part.name + " is not a JSON object"}
		}
	}
	return m, nil
}

// isJSONObject reports whether raw is one valid JSON object.
func isJSONObject(raw []byte) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) >= 2 && raw[0] == '{' && json.Valid(raw)
}

// outgoing is a message to send.
type outgoing struct {
	identities [][]byte
	msgType    string
	parent     json.RawMessage // the request's raw header; nil for none
	metadata   any             // nil for {}
	content    any
	buffers    [][]byte
}

// encode builds the wire frames of m: identities, delimiter, signature,
// header, parent header, metadata, content, buffers.
func (m *outgoing) encode(s *signer, session string, now time.Time) ([][]byte, error) {
	hdr, err := json.Marshal(Header{
		MsgID:    newID(),
		Session:  session,
		Username: "huntbook",
		Date:     now.UTC().Format("2006-01-02T15:04:05.000000Z"),
		MsgType:  m.msgType,
		Version:  ProtocolVersion,
	})
	if err != nil {
		return nil, err
	}
	parent := []byte(m.parent)
	if len(parent) == 0 {
		parent = []byte("{}")
	}
	meta := []byte("{}")
	if m.metadata != nil {
		if meta, err = json.Marshal(m.metadata); err != nil {
			return nil, fmt.Errorf("encoding %s metadata: %w", m.msgType, err)
		}
	}
	content, err := json.Marshal(m.content)
	if err != nil {
		return nil, fmt.Errorf("encoding %s content: %w", m.msgType, err)
	}
	frames := make([][]byte, 0, len(m.identities)+6+len(m.buffers))
	frames = append(frames, m.identities...)
	frames = append(frames, delimiter, s.sign(hdr, parent, meta, content), hdr, parent, meta, content)
	return append(frames, m.buffers...), nil
}

// newID returns a random UUID-4 string for message and session ids.
func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // never returns an error since Go 1.24
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var out [36]byte
	hex.Encode(out[0:8], b[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], b[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], b[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], b[8:10])
	out[23] = '-'
	hex.Encode(out[24:], b[10:])
	return string(out[:])
}
