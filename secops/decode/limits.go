package decode

import (
	"errors"
	"fmt"
)

// Limits bound the work of one Unpack call. A zero field takes its value
// from DefaultLimits, so Limits{} means the defaults.
type Limits struct {
	// MaxDepth is how deep decodings may nest: a fragment of the input is
	// at depth 1, a fragment of its decoded text or a member of its
	// archive at depth 2, and so on.
	MaxDepth int
	// MaxTotalBytes bounds the bytes produced by all decodings and
	// decompressions together.
	MaxTotalBytes int64
	// MaxMemberBytes bounds one decompressed stream or archive member.
	MaxMemberBytes int64
	// MaxMembers bounds the archive members read, all archives together.
	MaxMembers int
	// MaxSteps bounds the number of steps reported.
	MaxSteps int
	// MinBase64Len is the shortest run of base64 characters tried as
	// base64 (the argument of a PowerShell -EncodedCommand is always
	// tried).
	MinBase64Len int
	// MinHexBytes is the fewest bytes a hex string ("4d5a90...", "\x4d\x5a",
	// "0x4d,0x5a") must encode to be tried.
	MinHexBytes int
}

// DefaultLimits returns the limits used for zero fields: enough for any
// real command line or script, small enough that a decompression bomb is
// refused long before it costs memory.
func DefaultLimits() Limits {
	return Limits{
		MaxDepth:       8,
		MaxTotalBytes:  64 << 20,
		MaxMemberBytes: 16 << 20,
		MaxMembers:     1000,
		MaxSteps:       10000,
		MinBase64Len:   20,
		MinHexBytes:    8,
	}
}

// withDefaults fills the zero fields of l.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxDepth <= 0 {
		l.MaxDepth = d.MaxDepth
	}
	if l.MaxTotalBytes <= 0 {
		l.MaxTotalBytes = d.MaxTotalBytes
	}
	if l.MaxMemberBytes <= 0 {
		l.MaxMemberBytes = d.MaxMemberBytes
	}
	if l.MaxMembers <= 0 {
		l.MaxMembers = d.MaxMembers
	}
	if l.MaxSteps <= 0 {
		l.MaxSteps = d.MaxSteps
	}
	if l.MinBase64Len <= 0 {
		l.MinBase64Len = d.MinBase64Len
	}
	if l.MinHexBytes <= 0 {
		l.MinHexBytes = d.MinHexBytes
	}
	return l
}

// ErrLimit is matched (errors.Is) by every *LimitError.
var ErrLimit = errors.New("decode limit reached")

// LimitError reports the first limit an Unpack call reached. The Result
// returned with it holds everything decoded before the limit.
type LimitError struct {
	Limit string // the Limits field: "MaxDepth", "MaxTotalBytes", ...
	Value int64  // its value
	Step  int    // index of the step that reached it
	What  string // what was being decoded
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("decode: %s exceeds %s (%s)", e.What, e.Limit, sizeText(e.Limit, e.Value))
}

// Is makes errors.Is(err, ErrLimit) true.
func (e *LimitError) Is(target error) bool { return target == ErrLimit }

// sizeText renders a limit's value: bytes in KiB/MiB, counts as numbers.
func sizeText(limit string, v int64) string {
	switch limit {
	case "MaxTotalBytes", "MaxMemberBytes":
		switch {
		case v >= 1<<20 && v%(1<<20) == 0:
			return fmt.Sprintf("%d MiB", v>>20)
		case v >= 1<<10 && v%(1<<10) == 0:
			return fmt.Sprintf("%d KiB", v>>10)
		}
		return fmt.Sprintf("%d bytes", v)
	}
	return fmt.Sprint(v)
}
