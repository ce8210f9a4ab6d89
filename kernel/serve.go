package kernel

import (
	"context"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"
)

// Serve runs a kernel for a connection file until it is shut down: the body of
// `huntbook kernel --connection-file F`. Besides the protocol's control
// messages it honours what ipykernel honours: SIGINT interrupts the running
// cell (for kernelspecs edited to interrupt_mode "signal"), SIGTERM shuts down
// (a manager's fallback), and the kernel exits when the process that started
// it, named by JPY_PARENT_PID, goes away, so a crashed front end leaves no
// orphan kernel behind. It returns when the kernel has stopped.
func Serve(ctx context.Context, connectionFile string, cfg Config) error {
	info, err := ReadConnectionFile(connectionFile)
	if err != nil {
		return err
	}
	cfg.Connection = info
	k, err := New(cfg)
	if err != nil {
		return err
	}
	if err := k.Listen(); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case s := <-sigs:
				if s == syscall.SIGINT {
					k.Interrupt()
					continue
				}
				k.log.Info("terminated by signal", "signal", s)
				cancel()
			}
		}
	}()
	go watchParent(ctx, cancel, k)

	restart, err := k.Run(ctx)
	k.log.Info("kernel stopped", "restart", restart)
	return err
}

// watchParent cancels when the process named by JPY_PARENT_PID (set by
// jupyter_client) is no longer this process's parent.
func watchParent(ctx context.Context, cancel context.CancelFunc, k *Kernel) {
	pid, err := strconv.Atoi(os.Getenv("JPY_PARENT_PID"))
	if err != nil || pid <= 1 || os.Getppid() != pid {
		return // not started by jupyter_client, or started through a wrapper
	}
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if os.Getppid() != pid {
				k.log.Warn("parent process is gone; shutting down", "parent", pid)
				cancel()
				return
			}
		}
	}
}
