package ingest

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// input is one stream to read: a plain file, the content of a .gz file, or
// one member of a .zip. open can be called again for a second pass.
type input struct {
	path  string    // the file, for plain files only (EVTX seeks in it)
	name  string    // for messages: the path, or "archive.zip!member"
	inner string    // the innermost file name, whose extension hints the format
	size  int64     // bytes counted by progress for one pass
	mtime time.Time // the reference time of the data (file or member time)
	open  func(count func(int)) (io.ReadCloser, error)
}

// expand turns the paths into inputs, opening archives. The returned closer
// releases open archives.
func expand(paths []string) ([]*input, func(), error) {
	var (
		out     []*input
		closers []io.Closer
	)
	closeAll := func() {
		for _, c := range closers {
			c.Close()
		}
	}
	for _, p := range paths {
		ins, c, err := expandOne(p)
		if c != nil {
			closers = append(closers, c)
		}
		if err != nil {
			closeAll()
			return nil, func() {}, err
		}
		out = append(out, ins...)
	}
	return out, closeAll, nil
}

func expandOne(p string) ([]*input, io.Closer, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, nil, err
	}
	if st.IsDir() {
		return nil, nil, fmt.Errorf("%s: is a directory; name the files to ingest", p)
	}
	magic, err := readMagic(p)
	if err != nil {
		return nil, nil, err
	}
	switch {
	case isZip(magic):
		return expandZip(p, st.Size())
	case isGzip(magic):
		in := &input{name: p, inner: strings.TrimSuffix(filepath.Base(p), filepath.Ext(p)), size: st.Size(), mtime: st.ModTime()}
		in.open = func(count func(int)) (io.ReadCloser, error) { return openGzipFile(p, count) }
		return []*input{in}, nil, nil
	}
	in := &input{path: p, name: p, inner: filepath.Base(p), size: st.Size(), mtime: st.ModTime()}
	in.open = func(count func(int)) (io.ReadCloser, error) {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		return &countingReader{r: f, c: f, count: count}, nil
	}
	return []*input{in}, nil, nil
}

func readMagic(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, 4)
	n, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return buf[:n], nil
}

func isZip(m []byte) bool {
	return bytes.HasPrefix(m, []byte("PK\x03\x04")) || bytes.HasPrefix(m, []byte("PK\x05\x06"))
}

func isGzip(m []byte) bool { return len(m) >= 2 && m[0] == 0x1f && m[1] == 0x8b }

func expandZip(p string, size int64) ([]*input, io.Closer, error) {
	zr, err := zip.OpenReader(p)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: not a readable zip archive (truncated or corrupt?): %w", p, err)
	}
	var out []*input
	for _, f := range zr.File {
		if f.FileInfo().IsDir() || skipMember(f.Name) {
			continue
		}
		f := f
		name := p + "!" + f.Name
		in := &input{name: name, inner: path.Base(f.Name), size: int64(f.UncompressedSize64), mtime: f.Modified}
		nested := strings.HasSuffix(strings.ToLower(f.Name), ".gz")
		in.open = func(count func(int)) (io.ReadCloser, error) {
			rc, err := f.Open()
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			cr := &countingReader{r: rc, c: rc, count: count}
			if !nested {
				return cr, nil
			}
			zr, err := gzip.NewReader(cr)
			if err != nil {
				cr.Close()
				return nil, fmt.Errorf("%s: bad gzip data: %w", name, err)
			}
			return &gzipReadCloser{zr: zr, under: cr, name: name}, nil
		}
		if nested {
			in.inner = strings.TrimSuffix(in.inner, path.Ext(in.inner))
		}
		out = append(out, in)
	}
	if len(out) == 0 {
		zr.Close()
		return nil, nil, fmt.Errorf("%s: the zip archive holds no files", p)
	}
	return out, zr, nil
}

// skipMember leaves out the metadata files archivers add.
func skipMember(name string) bool {
	base := path.Base(name)
	return strings.HasPrefix(name, "__MACOSX/") || strings.HasPrefix(base, "._") || base == ".DS_Store" || base == "Thumbs.db"
}

func openGzipFile(p string, count func(int)) (io.ReadCloser, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	cr := &countingReader{r: f, c: f, count: count}
	zr, err := gzip.NewReader(cr)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: bad gzip data: %w", p, err)
	}
	return &gzipReadCloser{zr: zr, under: cr, name: p}, nil
}

// gzipReadCloser turns the gzip reader's bare io.ErrUnexpectedEOF into an
// error that says the file is truncated.
type gzipReadCloser struct {
	zr    *gzip.Reader
	under io.Closer
	name  string
}

func (g *gzipReadCloser) Read(b []byte) (int, error) {
	n, err := g.zr.Read(b)
	if err != nil && err != io.EOF {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return n, fmt.Errorf("%s: gzip data is truncated: %w", g.name, err)
		}
		return n, fmt.Errorf("%s: corrupt gzip data: %w", g.name, err)
	}
	return n, err
}

func (g *gzipReadCloser) Close() error {
	g.zr.Close()
	return g.under.Close()
}

// countingReader reports the bytes read to a progress callback.
type countingReader struct {
	r     io.Reader
	c     io.Closer
	count func(int)
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	if n > 0 && c.count != nil {
		c.count(n)
	}
	return n, err
}

func (c *countingReader) Close() error { return c.c.Close() }

// limitedReader fails once more than max bytes are read since the last
// reset, so one huge record cannot exhaust memory. Readers reset it at each
// record boundary; slack covers what buffered readers fetch ahead.
type limitedReader struct {
	r     io.Reader
	n     int
	max   int
	slack int
}

// ErrRecordTooLarge is the cause of the fatal error for a line or record
// longer than Options.MaxRecordBytes.
var ErrRecordTooLarge = errors.New("record too large")

func (l *limitedReader) Read(b []byte) (int, error) {
	n, err := l.r.Read(b)
	l.n += n
	if l.n > l.max+l.slack {
		return n, fmt.Errorf("%w: a line or record is longer than %d bytes", ErrRecordTooLarge, l.max)
	}
	return n, err
}

func (l *limitedReader) reset() { l.n = 0 }
