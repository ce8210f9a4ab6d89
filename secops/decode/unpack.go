package decode

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Step is one decoded item: a fragment of a text, decoded through one or
// more layers until it is text, a file or an archive, or one member of an
// archive.
type Step struct {
	// Index is the step's position in Result.Steps.
	Index int
	// Parent is the index of the step whose text or archive holds this
	// one, or -1 for a fragment of the input.
	Parent int
	// Depth is 1 for a fragment of the input, Parent's depth plus 1 below.
	Depth int
	// Chain lists every decoding from the input to this step's content,
	// outermost first: ["base64", "utf16le"], ["base64", "gzip"],
	// ["base64", "zip", "gzip"] for a .gz member of a base64 zip.
	Chain []string
	// Start and End are the byte offsets of the encoded fragment in the
	// parent's text (the input when Parent is -1); 0 for archive members.
	Start, End int
	// Encoded is the fragment as found ("" for archive members).
	Encoded string
	// Member is the archive member's name.
	Member string
	// FileType is "text" for text, else the type found by magic number
	// ("pe", "elf", "pdf", "zip", "ooxml", "ole", "png", ...; see
	// signatures) or "data" when unknown.
	FileType string
	// Text is the decoded text when FileType is "text" (or "rtf").
	Text string
	// Size is the size in bytes of the decoded content (of the UTF-16
	// bytes for UTF-16 text).
	Size int64
	// MD5, SHA1 and SHA256 are the hex digests of files: binaries,
	// archives and archive members (empty for inline text).
	MD5, SHA1, SHA256 string
	// Limit says which limit stopped this step ("" when none).
	Limit string
	// Error says why an archive or member could not be read ("" when it
	// could): corrupt data, an encrypted member.
	Error string
}

// Result is what Unpack found.
type Result struct {
	// Text is the input with each decoded fragment replaced by its decoded
	// form, itself decoded again: the text of base64_unpack. Text
	// fragments become their text; binaries become "[pe 4096 bytes
	// sha256 ...]"; archives list their members.
	Text string
	// Steps lists the decodings in the order they were found (a parent
	// before its children).
	Steps []Step
	// Limit is the message of the first limit reached, "" when none.
	Limit string
}

// Unpack finds encoded fragments in text (base64, hex, "\x" escapes, 0x
// byte lists, percent-encoding, PowerShell -EncodedCommand arguments),
// decodes them, decompresses and unpacks what they hold (gzip, zlib, raw
// deflate, bzip2, zip, tar), identifies binaries by magic number and hashes
// them, and scans decoded text again, up to lim.MaxDepth levels.
//
// Malformed input is never an error: what does not decode is left alone.
// The error is ctx's error, or a *LimitError (errors.Is(err, ErrLimit))
// when a limit stopped some decoding; the Result is complete up to that
// point in both cases, the step concerned carries the limit's message.
func Unpack(ctx context.Context, text string, lim Limits) (Result, error) {
	u := &unpacker{ctx: ctx, lim: lim.withDefaults()}
	out := u.text(text, 0, -1, nil)
	res := Result{Text: out, Steps: u.steps}
	if u.limit != nil {
		res.Limit = u.limit.Error()
	}
	if u.ctxErr != nil {
		return res, u.ctxErr
	}
	if u.limit != nil {
		return res, u.limit
	}
	return res, nil
}

// unpacker holds the state of one Unpack call.
type unpacker struct {
	ctx     context.Context
	lim     Limits
	steps   []Step
	total   int64 // bytes produced so far, against MaxTotalBytes
	members int   // archive members read, against MaxMembers
	limit   *LimitError
	ctxErr  error
	halt    bool // a global limit or cancellation: decode nothing more
}

// stopped reports whether all decoding must stop.
func (u *unpacker) stopped() bool {
	if !u.halt && u.ctx.Err() != nil {
		u.ctxErr = fmt.Errorf("decode: %w", u.ctx.Err())
		u.halt = true
	}
	return u.halt
}

// hitLimit records a limit reached at step idx. Global limits halt
// everything; the others stop only the step concerned.
func (u *unpacker) hitLimit(idx int, name string, value int64, what string) *LimitError {
	e := &LimitError{Limit: name, Value: value, Step: idx, What: what}
	if u.limit == nil {
		u.limit = e
	}
	if name == "MaxTotalBytes" || name == "MaxSteps" {
		u.halt = true
	}
	if idx >= 0 && idx < len(u.steps) && u.steps[idx].Limit == "" {
		u.steps[idx].Limit = e.Error()
	}
	return e
}

// addStep appends s and returns its index, or -1 when MaxSteps is reached.
func (u *unpacker) addStep(s Step) int {
	if len(u.steps) >= u.lim.MaxSteps {
		u.hitLimit(-1, "MaxSteps", int64(u.lim.MaxSteps), "the number of steps")
		return -1
	}
	s.Index = len(u.steps)
	u.steps = append(u.steps, s)
	return s.Index
}

// text decodes the fragments of s, a text at the given depth (0 for the
// input) held by step parent, and returns s with the fragments replaced.
func (u *unpacker) text(s string, depth, parent int, chain []string) string {
	frags := findFragments(s, u.lim)
	var b strings.Builder
	last, replaced := 0, false
	for _, f := range frags {
		if u.stopped() {
			break
		}
		rendered, ok := u.fragment(s, f, depth+1, parent, chain)
		if !ok {
			continue
		}
		if !replaced {
			b.Grow(len(s))
			replaced = true
		}
		b.WriteString(s[last:f.start])
		b.WriteString(rendered)
		last = f.end
	}
	if !replaced {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// fragment decodes one fragment into a step at depth and returns its
// rendering; false when it decodes to nothing worth reporting.
func (u *unpacker) fragment(s string, f fragment, depth, parent int, chain []string) (string, bool) {
	enc := s[f.start:f.end]
	for _, codec := range f.kind.codecs() {
		data, ok := decodeAs(codec, f.kind, enc)
		if !ok || len(data) == 0 {
			continue
		}
		if depth > u.lim.MaxDepth {
			// Report (without peeling: that is the work the limit saves)
			// what would plainly have been decoded.
			_, _, text := asText(data)
			if !f.kind.strong() && !text && fileType(data) == "" {
				continue
			}
			idx := u.addStep(Step{Parent: parent, Depth: depth, Chain: with(chain, codec),
				Start: f.start, End: f.end, Encoded: enc, FileType: "data", Size: int64(len(data))})
			u.hitLimit(idx, "MaxDepth", int64(u.lim.MaxDepth), "nesting of decodings")
			return "", false
		}
		// Raw deflate has no magic number: it is tried only on base64 that
		// looks like binary, not on every hex digest or identifier.
		raw := codec != "hex" && codec != "url" && randomBase64(enc)
		it := u.peel(data, with(chain, codec), raw)
		if codec == "url" && !it.isText && it.ftype == "" && plainText(data) {
			// Percent-decoded URLs are text even when mostly punctuation.
			it.text, it.isText = string(data), true
		}
		if !u.accept(it, f.kind, codec, enc) {
			continue
		}
		u.total += int64(len(data))
		idx := u.addStep(Step{Parent: parent, Depth: depth, Start: f.start, End: f.end, Encoded: enc})
		if idx < 0 {
			return "", false
		}
		if u.total > u.lim.MaxTotalBytes {
			u.hitLimit(idx, "MaxTotalBytes", u.lim.MaxTotalBytes, "decoded output")
		}
		return u.emit(idx, it), true
	}
	return "", false
}

// accept decides whether a decoding is worth reporting. Strong fragments
// always are; others must decode to text, to a known file type, or to
// something that decompressed, or show the marks of encoded binary data
// (long, mixed-case base64; long hex).
func (u *unpacker) accept(it item, k fragKind, codec, enc string) bool {
	switch {
	case k.strong(), it.limit != nil, it.layers > 0:
		return true
	case it.ftype != "":
		// A two- or three-byte magic number turns up in random data (one
		// hex digest in 65536 starts with "MZ"): short data needs more.
		return !shortMagic(it.ftype) || len(it.data) >= 64 || bytes.HasPrefix(it.data, []byte("MZ\x90\x00"))
	case it.isText:
		// Random bytes are sometimes valid UTF-8 of scattered scripts;
		// decoded commands and scripts are mostly ASCII.
		return mostlyASCII(it.text)
	case codec == "hex":
		return len(it.data) >= 64
	}
	return len(enc) >= 64 && randomBase64(enc)
}

// emit fills step idx from the peeled item and returns its rendering.
func (u *unpacker) emit(idx int, it item) string {
	st := &u.steps[idx]
	st.Chain = it.chain
	st.Size = int64(len(it.data))
	if it.limit != nil {
		st.FileType = it.ftype
		u.hitLimit(idx, it.limit.Limit, it.limit.Value, it.limit.What)
		return fmt.Sprintf("[%s: %s]", it.ftype, u.steps[idx].Limit)
	}
	switch {
	case it.isText:
		st.FileType, st.Text = it.textType(), it.text
		if st.Member != "" {
			hashInto(st, []byte(it.text))
		}
		depth, chain := st.Depth, st.Chain
		return u.text(it.text, depth, idx, chain)
	case it.archive:
		hashInto(st, it.data)
		return u.archive(idx, it)
	}
	st.FileType = it.ftype
	if st.FileType == "" {
		st.FileType = "data"
	}
	hashInto(st, it.data)
	return fmt.Sprintf("[%s %d bytes sha256 %s]", st.FileType, st.Size, st.SHA256)
}

// mostlyASCII reports whether at least 80% of the runes of s are ASCII.
func mostlyASCII(s string) bool {
	n, ascii := 0, 0
	for _, r := range s {
		n++
		if r < 0x80 {
			ascii++
		}
	}
	return ascii*5 >= n*4
}

func hashInto(st *Step, data []byte) {
	m, s1, s2 := md5.Sum(data), sha1.Sum(data), sha256.Sum256(data)
	st.MD5, st.SHA1, st.SHA256 = hex.EncodeToString(m[:]), hex.EncodeToString(s1[:]), hex.EncodeToString(s2[:])
}

// with returns chain followed by c, never sharing chain's array.
func with(chain []string, c string) []string {
	return append(slices.Clip(chain), c)
}

// errLimit extracts a *LimitError from err.
func errLimit(err error) (*LimitError, bool) {
	var le *LimitError
	ok := errors.As(err, &le)
	return le, ok
}
