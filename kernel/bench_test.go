package kernel_test

import (
	"testing"
	"time"

	"github.com/huntbook/huntbook/kernel/internal/fakesession"
)

// BenchmarkExecuteRoundTrip measures one cell through the protocol layer over
// local TCP: execute_request signed and sent, the fake session's echo, and
// the reply plus the five IOPub messages (busy, execute_input,
// execute_result, idle) received and verified. It is the kernel's overhead
// per cell, on top of the session's own work.
func BenchmarkExecuteRoundTrip(b *testing.B) {
	c, _ := startKernelNoWait(b, fakesession.New())
	c.waitReady()
	for b.Loop() {
		id := c.send(c.shell, "execute_request", map[string]any{"code": "SecurityEvent | take 10", "silent": false})
		c.reply(c.shellCh, id, 10*time.Second)
		c.iopub(id, 10*time.Second)
	}
}

// BenchmarkCompleteRoundTrip is the same for a completion request, the
// request sent most often (on every keystroke in some front ends).
func BenchmarkCompleteRoundTrip(b *testing.B) {
	c, _ := startKernelNoWait(b, fakesession.New())
	c.waitReady()
	for b.Loop() {
		id := c.send(c.shell, "complete_request", map[string]any{"code": "SecurityEvent | wh", "cursor_pos": 18})
		c.reply(c.shellCh, id, 10*time.Second)
	}
}
