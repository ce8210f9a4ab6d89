package decode

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/bzip2"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
)

// item is decoded data after peeling: the compression layers removed, and
// classified as text, archive or (possibly unknown) binary.
type item struct {
	data    []byte
	chain   []string
	ftype   string // file type by magic number, "" when unknown
	text    string
	isText  bool
	archive bool
	layers  int         // compression layers removed
	limit   *LimitError // a decompression was cut short
}

func (it item) textType() string {
	if it.ftype == "rtf" {
		return "rtf"
	}
	return "text"
}

// peel removes compression layers (gzip, zlib, bzip2 by magic number; raw
// deflate, which has none, when the data is otherwise unknown and inflates
// cleanly to something known) and classifies what remains. A gzip that
// inflates to itself exists, hence the bound on layers.
//
// rawCandidate says whether raw deflate is worth trying: the encoded form
// looked like binary (see fragment).
func (u *unpacker) peel(data []byte, chain []string, rawCandidate bool) item {
	it := item{data: data, chain: chain}
	triedRaw := false
	for {
		ft := fileType(it.data)
		switch ft {
		case "gzip", "bzip2", "zlib":
			if it.layers >= u.lim.MaxDepth {
				it.ftype = ft
				it.limit = &LimitError{Limit: "MaxDepth", Value: int64(u.lim.MaxDepth), What: "nesting of compression layers"}
				return it
			}
			out, err := u.decompress(ft, it.data)
			if le, ok := errLimit(err); ok {
				it.ftype, it.limit = ft, le
				return it
			}
			if err != nil {
				// Not a stream after all: two or three magic bytes match
				// random data (one hex digest in two thousand looks like
				// zlib), so only a stream that inflates counts.
				return it
			}
			it.data, it.chain, it.layers = out, with(it.chain, ft), it.layers+1
			continue
		case "zip", "tar":
			it.ftype, it.archive = ft, true
			return it
		case "", "rtf":
			if t, enc, ok := asText(it.data); ok {
				it.text, it.isText, it.ftype = t, true, ft
				if enc != "" {
					it.chain = with(it.chain, enc)
				}
				return it
			}
			if ft == "" && !triedRaw && rawCandidate {
				triedRaw = true
				if out, err := u.inflateRaw(it.data); err != nil {
					if le, ok := errLimit(err); ok {
						it.ftype, it.limit = "deflate", le
						return it
					}
				} else if out != nil {
					it.data, it.chain, it.layers = out, with(it.chain, "deflate"), it.layers+1
					continue
				}
			}
		}
		it.ftype = ft
		return it
	}
}

// decompress inflates one gzip (all members), zlib or bzip2 stream.
func (u *unpacker) decompress(ft string, data []byte) ([]byte, error) {
	var r io.Reader
	switch ft {
	case "gzip":
		zr := gunzippers.Get().(*gzip.Reader)
		defer gunzippers.Put(zr)
		if err := zr.Reset(bytes.NewReader(data)); err != nil {
			return nil, err
		}
		r = zr
	case "zlib":
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		r = zr
	case "bzip2":
		r = bzip2.NewReader(bytes.NewReader(data))
	}
	var hint int64
	if ft == "gzip" && len(data) >= 18 {
		hint = int64(binary.LittleEndian.Uint32(data[len(data)-4:])) // ISIZE: the size modulo 4 GiB
	}
	return u.readLimited(r, hint, ft+" stream")
}

// inflateRaw tries data as a raw deflate stream (PowerShell's
// DeflateStream). It returns nil without error when data is not one, or
// inflates to nothing recognisable; only a limit is an error. Short data is
// not tried: real payloads are longer, and random bytes inflate "cleanly"
// to a few bytes more often than one would think.
func (u *unpacker) inflateRaw(data []byte) ([]byte, error) {
	if len(data) < 24 || data[0]>>1&3 == 3 {
		return nil, nil // too short, or a reserved block type
	}
	before := u.total
	zr := inflaters.Get().(io.ReadCloser)
	defer inflaters.Put(zr)
	if err := zr.(flate.Resetter).Reset(bytes.NewReader(data), nil); err != nil {
		return nil, nil
	}
	out, err := u.readLimited(zr, 0, "deflate stream")
	if _, ok := errLimit(err); ok {
		return nil, err
	}
	if err != nil || len(out) == 0 {
		return nil, nil
	}
	if _, _, text := asText(out); !text && fileType(out) == "" {
		u.total = before // noise that happened to inflate: not a decoding
		return nil, nil
	}
	return out, nil
}

// inflaters recycles raw-deflate readers: each holds a 32 KiB window and
// Huffman tables, and most attempts on base64 of unknown binary fail after
// a few bytes, so allocating one per attempt would dominate the cost.
var inflaters = sync.Pool{New: func() any { return flate.NewReader(bytes.NewReader(nil)) }}

// gunzippers recycles gzip readers for the same reason.
var gunzippers = sync.Pool{New: func() any { return new(gzip.Reader) }}

// readLimited reads r to its end (hint is its expected size, 0 when
// unknown; a lie costs at most the limit), refusing more than MaxMemberBytes or
// than what is left of MaxTotalBytes. The bytes read count against
// MaxTotalBytes.
func (u *unpacker) readLimited(r io.Reader, hint int64, what string) ([]byte, error) {
	limit, name := u.lim.MaxMemberBytes, "MaxMemberBytes"
	if left := u.lim.MaxTotalBytes - u.total; left < limit {
		limit, name = max(left, 0), "MaxTotalBytes"
	}
	var buf bytes.Buffer
	if hint > 0 {
		buf.Grow(int(min(hint, limit) + bytes.MinRead)) // one allocation when the size is known
	}
	n, err := io.Copy(&buf, io.LimitReader(r, limit+1))
	if n > limit {
		u.total += limit
		value := u.lim.MaxMemberBytes
		if name == "MaxTotalBytes" {
			value = u.lim.MaxTotalBytes
		}
		return nil, &LimitError{Limit: name, Value: value, What: what}
	}
	if err != nil {
		return nil, err
	}
	u.total += n
	return buf.Bytes(), nil
}

// archive reads the members of the zip or tar of step idx and returns the
// archive's rendering.
func (u *unpacker) archive(idx int, it item) string {
	var parts []string
	var ftype string
	switch it.ftype {
	case "zip":
		ftype, parts = u.zipMembers(idx, it)
	case "tar":
		ftype, parts = "tar", u.tarMembers(idx, it)
	}
	st := &u.steps[idx]
	st.FileType = ftype
	return fmt.Sprintf("[%s %d members sha256 %s: %s]", ftype, len(parts), st.SHA256, strings.Join(parts, "; "))
}

func (u *unpacker) zipMembers(idx int, it item) (string, []string) {
	if n := zipRecordBound(it.data); n > u.lim.MaxMembers-u.members {
		u.hitLimit(idx, "MaxMembers", int64(u.lim.MaxMembers), fmt.Sprintf("a zip of %d members", n))
		return "zip", nil
	}
	zr, err := zip.NewReader(bytes.NewReader(it.data), int64(len(it.data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		u.steps[idx].Error = "corrupt zip: " + err.Error()
		return "zip", nil
	}
	names := make([]string, len(zr.File))
	for i, f := range zr.File {
		names[i] = f.Name
	}
	depth, chain := u.steps[idx].Depth+1, with(it.chain, "zip")
	var parts []string
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		open := func() (io.Reader, error) {
			if f.Flags&1 != 0 {
				return nil, errors.New("encrypted member")
			}
			return f.Open()
		}
		part, ok := u.member(idx, depth, chain, f.Name, int64(min(f.UncompressedSize64, 1<<40)), open)
		if !ok {
			break
		}
		parts = append(parts, part)
	}
	return archiveType(names), parts
}

func (u *unpacker) tarMembers(idx int, it item) []string {
	tr := tar.NewReader(bytes.NewReader(it.data))
	depth, chain := u.steps[idx].Depth+1, with(it.chain, "tar")
	var parts []string
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			u.steps[idx].Error = "corrupt tar: " + err.Error()
			break
		}
		if hdr.Typeflag != tar.TypeReg {
			if u.members++; u.members > u.lim.MaxMembers {
				u.hitLimit(idx, "MaxMembers", int64(u.lim.MaxMembers), "tar entries")
				break
			}
			continue
		}
		part, ok := u.member(idx, depth, chain, hdr.Name, hdr.Size, func() (io.Reader, error) { return tr, nil })
		if !ok {
			break
		}
		parts = append(parts, part)
	}
	return parts
}

// member reads one archive member into a step under parent and returns its
// rendering; false when the archive must not be read further.
func (u *unpacker) member(parent, depth int, chain []string, name string, size int64, open func() (io.Reader, error)) (string, bool) {
	if u.stopped() {
		return "", false
	}
	if u.members++; u.members > u.lim.MaxMembers {
		u.hitLimit(parent, "MaxMembers", int64(u.lim.MaxMembers), "archive members")
		return "", false
	}
	idx := u.addStep(Step{Parent: parent, Depth: depth, Chain: chain, Member: name, FileType: "data"})
	if idx < 0 {
		return "", false
	}
	if depth > u.lim.MaxDepth {
		u.hitLimit(idx, "MaxDepth", int64(u.lim.MaxDepth), "nesting of decodings")
		return name + ": [not unpacked: depth limit]", true
	}
	r, err := open()
	var data []byte
	if err == nil {
		data, err = u.readLimited(r, size, fmt.Sprintf("member %q", name))
	}
	if le, ok := errLimit(err); ok {
		u.hitLimit(idx, le.Limit, le.Value, le.What)
		return name + ": [not unpacked: " + le.Limit + "]", !u.halt
	}
	if err != nil {
		u.steps[idx].Error = err.Error()
		return name + ": [unreadable: " + err.Error() + "]", true
	}
	return name + ": " + u.emit(idx, u.peel(data, chain, true)), true
}

// zipRecordBound bounds the number of central-directory records of a zip
// before archive/zip reads them all into memory: the larger of the count
// the end record claims (zip64 included) and the number of record
// signatures present, so a lying end record does not help a bomb.
func zipRecordBound(data []byte) int {
	n := bytes.Count(data, []byte("PK\x01\x02"))
	tail := data
	if len(tail) > 65557 {
		tail = tail[len(tail)-65557:]
	}
	off := bytes.LastIndex(tail, []byte("PK\x05\x06"))
	if off < 0 || off+12 > len(tail) {
		return n
	}
	claimed := int64(binary.LittleEndian.Uint16(tail[off+10:]))
	eocd := len(data) - len(tail) + off
	if claimed == 0xffff && eocd >= 20 && string(data[eocd-20:eocd-16]) == "PK\x06\x07" {
		z64 := binary.LittleEndian.Uint64(data[eocd-12:])
		if z64 < uint64(len(data)) && z64+40 <= uint64(len(data)) && string(data[z64:z64+4]) == "PK\x06\x06" {
			claimed = int64(min(binary.LittleEndian.Uint64(data[z64+32:]), 1<<40))
		}
	}
	return int(max(int64(n), claimed))
}
