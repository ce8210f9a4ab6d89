package kernel

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4/transport"
)

// zmtpStream builds what a ZMTP 3 peer sends: a greeting, then frames.
func zmtpStream(frames ...[]byte) []byte {
	b := make([]byte, zmtpGreeting)
	b[0], b[9], b[10] = 0xff, 0x7f, 3
	for _, f := range frames {
		b = append(b, f...)
	}
	return b
}

// frame encodes a frame header (and body, unless bodyless) the way ZMTP does.
func frame(flags byte, size uint64, long, bodyless bool) []byte {
	var b []byte
	if long {
		b = append([]byte{flags | 0x02}, binary.BigEndian.AppendUint64(nil, size)...)
	} else {
		b = []byte{flags, byte(size)}
	}
	if !bodyless {
		b = append(b, bytes.Repeat([]byte{'x'}, int(size))...)
	}
	return b
}

func TestFrameGuardScan(t *testing.T) {
	ready := frame(0x04, 40, false, false)
	tests := []struct {
		name          string
		stream        []byte
		wantErr       bool
		wantHandshake bool
	}{
		{"greeting only", zmtpStream(), false, false},
		{"handshake and messages", zmtpStream(ready, frame(0x01, 9, false, false), frame(0, 300, true, false)), false, true},
		{"empty frames", zmtpStream(ready, frame(0x01, 0, false, false), frame(0, 0, true, false)), false, true},
		{"largest allowed frame header", zmtpStream(ready, frame(0, maxFrameSize, true, true)), false, true},
		{"oversized frame", zmtpStream(ready, frame(0, maxFrameSize+1, true, true)), true, true},
		{"oversized before the handshake", zmtpStream(frame(0x04, 1<<40, true, true)), true, false},
		{"a message is not a handshake", zmtpStream(frame(0, 3, false, false)), false, false},
	}
	for _, tt := range tests {
		for _, chunk := range []int{1, 3, 64, 1 << 20} {
			a, b := net.Pipe()
			g := &frameGuard{Conn: a}
			var err error
			for s := tt.stream; len(s) > 0 && err == nil; {
				k := min(chunk, len(s))
				err = g.scan(s[:k])
				s = s[k:]
			}
			if (err != nil) != tt.wantErr || (err != nil && !errors.Is(err, errFrameTooLarge)) {
				t.Errorf("%s (chunks of %d): err = %v, want error %v", tt.name, chunk, err, tt.wantErr)
			}
			if g.handshaken != tt.wantHandshake {
				t.Errorf("%s (chunks of %d): handshaken = %v, want %v", tt.name, chunk, g.handshaken, tt.wantHandshake)
			}
			a.Close()
			b.Close()
		}
	}
}

func TestFrameGuardRead(t *testing.T) {
	a, b := net.Pipe()
	defer b.Close()
	g := &frameGuard{Conn: a, pending: zmtpStream()[:zmtpSignature]}
	go func() {
		b.Write(zmtpStream()[zmtpSignature:])
		b.Write(frame(0, 1<<40, true, true))
	}()
	got, err := io.ReadAll(io.LimitReader(g, zmtpGreeting))
	if err != nil || len(got) != zmtpGreeting || got[0] != 0xff {
		t.Fatalf("greeting through the guard: %q, %v", got, err)
	}
	hdr := make([]byte, 9)
	if _, err := io.ReadFull(g, hdr); !errors.Is(err, errFrameTooLarge) {
		t.Errorf("reading an oversized header: %v, want errFrameTooLarge", err)
	}
}

func TestGuardedListener(t *testing.T) {
	if err := registerGuards(); err != nil {
		t.Fatal(err)
	}
	tr := guardedTransport{base: transport.New("tcp")}
	l, err := tr.Listen(t.Context(), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	silent, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	speaker, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer speaker.Close()
	speaker.Write(zmtpStream()[:zmtpSignature])
	accepted := make(chan net.Conn, 1)
	go func() {
		c, _ := l.Accept()
		accepted <- c
	}()
	select {
	case c := <-accepted:
		// The speaker is admitted although the silent peer connected first;
		// its signature is replayed to the reader.
		sig := make([]byte, zmtpSignature)
		if _, err := io.ReadFull(c, sig); err != nil || sig[0] != 0xff {
			t.Errorf("replayed signature %q, %v", sig, err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("a silent connection blocked the next one")
	}
	l.Close()
	if _, err := l.Accept(); !errors.Is(err, net.ErrClosed) {
		t.Errorf("Accept after Close: %v", err)
	}
}

// refOversized reports, walking the whole stream at once, whether a frame
// header in it announces more than maxFrameSize.
func refOversized(s []byte) bool {
	if len(s) <= zmtpGreeting {
		return false
	}
	s = s[zmtpGreeting:]
	for len(s) > 0 {
		long := s[0]&0x02 != 0
		if !long && len(s) < 2 || long && len(s) < 9 {
			return false
		}
		size, n := uint64(s[1]), 2
		if long {
			size, n = binary.BigEndian.Uint64(s[1:9]), 9
		}
		if size > maxFrameSize {
			return true
		}
		if uint64(len(s)-n) <= size {
			return false
		}
		s = s[n+int(size):]
	}
	return false
}

func FuzzFrameGuardScan(f *testing.F) {
	f.Add(zmtpStream(frame(0x04, 40, false, false), frame(0, 300, true, false)), uint8(7))
	f.Add(zmtpStream(frame(0, 1<<40, true, true)), uint8(1))
	f.Fuzz(func(t *testing.T, stream []byte, chunk uint8) {
		step := int(chunk) + 1
		a, b := net.Pipe()
		defer a.Close()
		defer b.Close()
		g := &frameGuard{Conn: a}
		var err error
		for s := stream; len(s) > 0 && err == nil; {
			k := min(step, len(s))
			err = g.scan(s[:k])
			s = s[k:]
		}
		if want := refOversized(stream); (err != nil) != want {
			t.Fatalf("chunked scan err = %v, whole-stream reference says oversized = %v", err, want)
		}
	})
}
