package exec_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/huntbook/huntbook/engine"
	"github.com/huntbook/huntbook/engine/exec"
	"github.com/huntbook/huntbook/kql/sema"
)

// slowQuery takes far longer than the limits below on any machine.
const slowQuery = `range x from 1 to 20000000000 step 1 | summarize sum(x % 7)`

func TestRunTimeout(t *testing.T) {
	x := exec.New(sharedDB(t))
	start := time.Now()
	_, err := x.Run(context.Background(), slowQuery, nil, exec.RunOptions{Timeout: 200 * time.Millisecond})
	if !errors.Is(err, engine.ErrTimeout) {
		t.Fatalf("err = %v, want engine.ErrTimeout", err)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("the timeout took %v to stop the query", d)
	}
}

func TestRunCancel(t *testing.T) {
	x := exec.New(sharedDB(t))
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	_, err := x.Run(ctx, slowQuery, nil, exec.RunOptions{})
	if !errors.Is(err, engine.ErrCanceled) {
		t.Fatalf("err = %v, want engine.ErrCanceled", err)
	}
}

// TestUnsupportedIsPositioned checks that features the compiler does not
// implement come back as positioned sema errors marked unsupported, not
// as engine failures.
func TestUnsupportedIsPositioned(t *testing.T) {
	x := exec.New(sharedDB(t))
	for _, src := range []string{
		"print x = 1\n| reduce by tostring(x)",
		"print x = 1 | fork (take 1) (take 2)",
		"print a = 1,\n  b = hash_combine(1, 2)", // no SQL yet: placed by exec
	} {
		_, err := x.Run(context.Background(), src, nil, exec.RunOptions{})
		var serr *sema.Error
		if !errors.As(err, &serr) || !sema.IsUnsupported(err) {
			t.Errorf("%q: err = %v (%T), want an unsupported *sema.Error", src, err, err)
		}
	}
	_, err := x.Run(context.Background(), "print a = 1,\n  b = hash_combine(1, 2)", nil, exec.RunOptions{})
	if want := "2:7: hash_combine(long, long) is not supported yet"; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}
