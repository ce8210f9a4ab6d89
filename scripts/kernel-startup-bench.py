#!/usr/bin/python3
"""Kernel start-to-ready benchmark: huntbook's Jupyter kernel next to ipykernel.

Run with Debian's Python, which sees Debian's jupyter_client:

    make build && /usr/bin/python3 scripts/kernel-startup-bench.py

`huntbook kernel` opens a workspace at start: pass one with
--kernel-argv 'bin/huntbook kernel --workspace W --connection-file {connection_file}'
(else it needs $HUNTBOOK_WORKSPACE or the demo workspace). To measure the
protocol layer alone, use the test kernel (the same kernel code serving a
scripted fake session):

    go build -o bin/testkernel ./kernel/internal/testkernel
    /usr/bin/python3 scripts/kernel-startup-bench.py \\
        --kernel-argv 'bin/testkernel kernel --connection-file {connection_file}'

Three figures per kernel, over --runs runs after one unmeasured warm-up:

  start_new_kernel   jupyter_client.manager.start_new_kernel() wall time: what
                     a front end waits. jupyter_client 7.x ends wait_for_ready
                     with a fixed 0.2 s IOPub flush, included here.
  first reply        from launching the process to the first kernel_info_reply,
                     without that flush. The client connects right after the
                     launch; a kernel not yet listening costs libzmq's
                     reconnect interval (100 ms plus up to 100 ms of jitter).
  listening          from launching the process until its five ports listen
                     (read from /proc/net/tcp, without connecting): the
                     kernel's own start-up.

Everything runs in temporary Jupyter directories; nothing of the user's
Jupyter setup is read or written.
"""

import argparse
import os
import shlex
import statistics
import sys
import tempfile
import time


def kernelspec(data_dir, name, argv, language):
    import json

    d = os.path.join(data_dir, "kernels", name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "kernel.json"), "w") as f:
        json.dump({"argv": argv, "display_name": name, "language": language, "interrupt_mode": "message"}, f)


def listening_ports():
    """Local TCP ports in LISTEN state (Linux)."""
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    fields = line.split()
                    if fields[3] == "0A":
                        ports.add(int(fields[1].rsplit(":", 1)[1], 16))
        except FileNotFoundError:
            pass
    return ports


def time_start_new_kernel(name):
    from jupyter_client.manager import start_new_kernel

    t0 = time.perf_counter()
    km, kc = start_new_kernel(kernel_name=name, startup_timeout=60)
    elapsed = time.perf_counter() - t0
    kc.stop_channels()
    km.shutdown_kernel(now=False)
    return elapsed


def time_first_reply(name):
    from jupyter_client.manager import KernelManager

    km = KernelManager(kernel_name=name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    msg_id = kc.kernel_info()
    while kc.get_shell_msg(timeout=60)["parent_header"].get("msg_id") != msg_id:
        pass
    elapsed = time.perf_counter() - t0
    kc.stop_channels()
    km.shutdown_kernel(now=False)
    return elapsed


def time_listening(name):
    from jupyter_client.manager import KernelManager

    km = KernelManager(kernel_name=name)
    t0 = time.perf_counter()
    km.start_kernel()  # returns once the process is launched
    info = km.get_connection_info()
    want = {info[k] for k in ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")}
    while not want <= listening_ports():
        if time.perf_counter() - t0 > 60:
            raise RuntimeError(f"{name} never listened on {sorted(want)}")
        time.sleep(0.0005)
    elapsed = time.perf_counter() - t0
    km.shutdown_kernel(now=False)
    return elapsed


def measure(name, runs):
    figures = {"start_new_kernel": [], "first reply": [], "listening": []}
    for i in range(runs + 1):
        results = {
            "start_new_kernel": time_start_new_kernel(name),
            "first reply": time_first_reply(name),
            "listening": time_listening(name),
        }
        if i > 0:  # the first run warms caches
            for k, v in results.items():
                figures[k].append(v)
    return figures


def summary(xs):
    return "median %.3f s  min %.3f s  max %.3f s" % (statistics.median(xs), min(xs), max(xs))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--kernel-argv", default="bin/huntbook kernel --connection-file {connection_file}",
                   help="huntbook kernel command line, as in kernel.json (default: %(default)s)")
    p.add_argument("--runs", type=int, default=10, help="measured runs per kernel (default: %(default)s)")
    p.add_argument("--no-ipykernel", action="store_true", help="skip the ipykernel comparison")
    args = p.parse_args()

    try:
        import jupyter_client  # noqa: F401
    except ImportError:
        sys.exit("jupyter_client is missing: apt-get install jupyter-client (and run with /usr/bin/python3)")
    argv = shlex.split(args.kernel_argv)
    argv[0] = os.path.abspath(argv[0])
    if not os.access(argv[0], os.X_OK):
        sys.exit(f"{argv[0]} is not an executable: build it first (see --help)")

    root = tempfile.mkdtemp(prefix="kernel-bench-")
    for var, sub in [("HOME", "home"), ("JUPYTER_DATA_DIR", "data"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                     ("JUPYTER_CONFIG_DIR", "config"), ("IPYTHONDIR", "ipython")]:
        os.environ[var] = os.path.join(root, sub)
        os.makedirs(os.environ[var], exist_ok=True)
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"  # silence debugpy's warning in ipykernel
    data = os.environ["JUPYTER_DATA_DIR"]

    kernels = [("huntbook", argv, "kql")]
    if not args.no_ipykernel:
        try:
            import ipykernel  # noqa: F401
        except ImportError:
            sys.exit("ipykernel is missing: apt-get install python3-ipykernel (or pass --no-ipykernel)")
        kernels.append(("ipykernel", [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"], "python"))

    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}, {args.runs} runs per kernel")
    for name, kargv, lang in kernels:
        kernelspec(data, name, kargv, lang)
        for i, (figure, xs) in enumerate(measure(name, args.runs).items()):
            print(f"{name if i == 0 else '':10s} {figure:17s} {summary(xs)}")


if __name__ == "__main__":
    main()
