//go:build unix

package cli

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used, all threads (DuckDB's
// included): a benchmark figure that other load on a shared machine
// disturbs far less than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
