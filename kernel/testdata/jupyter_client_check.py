"""Drives huntbook's kernel (the test kernel serving the scripted fake session)
through Debian's real jupyter_client. Run by kernel/jupyter_test.go with a
private JUPYTER_DATA_DIR holding the kernelspec named in argv[1]. Prints one
"ok <check>" line per passed check; any failure raises and exits non-zero.
"""

import sys
import time

import zmq
from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session

KERNEL = sys.argv[1]
TIMEOUT = 10


def ok(name):
    print("ok", name, flush=True)


def run(kc, code, **kw):
    """Executes code, returning (reply content, [(msg_type, content)] of its
    outputs: IOPub without status and execute_input)."""
    outputs = []

    def hook(m):
        if m["msg_type"] not in ("status", "execute_input"):
            outputs.append((m["msg_type"], m["content"]))

    reply = kc.execute_interactive(code, timeout=TIMEOUT, output_hook=hook, **kw)
    return reply["content"], outputs


def shell_reply(kc, msg_id):
    while True:
        msg = kc.get_shell_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def wait_started(kc, msg_id):
    """Waits until the cell msg_id is running (its execute_input)."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
            return
    raise AssertionError("cell never started")


def check_kernel_info(kc):
    kc.kernel_info()
    info = kc.get_shell_msg(timeout=TIMEOUT)["content"]
    assert info["status"] == "ok", info
    assert info["protocol_version"] == "5.3", info
    assert info["implementation"] == "huntbook", info
    li = info["language_info"]
    assert (li["name"], li["mimetype"], li["file_extension"]) == ("kql", "text/x-kql", ".kql"), li
    ok("kernel_info")


def check_execute(kc):
    reply, outputs = run(kc, "SecurityEvent | take 3")
    assert reply["status"] == "ok" and reply["execution_count"] == 1, reply
    results = [c for t, c in outputs if t == "execute_result"]
    assert len(results) == 1 and results[0]["data"]["text/plain"] == "SecurityEvent | take 3", outputs
    assert results[0]["execution_count"] == 1, results
    ok("execute_result")

    reply, outputs = run(kc, "display")
    kinds = [t for t, _ in outputs]
    assert kinds == ["display_data", "execute_result"], kinds
    assert "<table>" in outputs[0][1]["data"]["text/html"], outputs
    ok("display_data")

    reply, outputs = run(kc, "stream hello from the kernel")
    assert outputs == [("stream", {"name": "stdout", "text": "hello from the kernel\n"})], outputs
    ok("stream")


def check_error(kc):
    reply, outputs = run(kc, "fail no such table: Foo")
    assert reply["status"] == "error" and reply["ename"] == "QueryError", reply
    errors = [c for t, c in outputs if t == "error"]
    assert len(errors) == 1 and errors[0]["evalue"] == "no such table: Foo", outputs
    assert any("fail no such table" in line for line in errors[0]["traceback"]), errors
    ok("error")


def check_complete_inspect(kc):
    msg_id = kc.complete("T | su", 6)
    c = shell_reply(kc, msg_id)["content"]
    assert c["status"] == "ok" and c["matches"] == ["summarize"], c
    assert (c["cursor_start"], c["cursor_end"]) == (4, 6), c
    # Python counts code points, as the protocol does: the kernel converts.
    msg_id = kc.complete("é🦊 | Si", 7)
    c = shell_reply(kc, msg_id)["content"]
    assert c["matches"] == ["SigninLogs"] and (c["cursor_start"], c["cursor_end"]) == (5, 7), c
    ok("complete")

    msg_id = kc.inspect("T | where x", 6)
    c = shell_reply(kc, msg_id)["content"]
    assert c["status"] == "ok" and c["found"] and "predicate" in c["data"]["text/plain"], c
    ok("inspect")

    for code, status in [("T | take 1", "complete"), ("T |", "incomplete"), ("T)", "invalid")]:
        msg_id = kc.is_complete(code)
        c = shell_reply(kc, msg_id)["content"]
        assert c["status"] == status, (code, c)
    ok("is_complete")

    msg_id = kc.history(hist_access_type="tail", n=2)
    c = shell_reply(kc, msg_id)["content"]
    assert c["status"] == "ok" and [h[2] for h in c["history"]] == ["stream hello from the kernel", "fail no such table: Foo"], c
    ok("history")

    msg_id = kc.comm_info()
    c = shell_reply(kc, msg_id)["content"]
    assert c == {"status": "ok", "comms": {}}, c
    ok("comm_info")


def check_interrupt(km, kc):
    # The manager's own interrupt: interrupt_mode "message" in the kernelspec
    # makes it send interrupt_request on the control channel.
    start = time.monotonic()
    msg_id = kc.execute("sleep 30")
    wait_started(kc, msg_id)
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id)["content"]
    assert reply["status"] == "error" and reply["ename"] == "Interrupted", reply
    assert time.monotonic() - start < 5, "interrupt took too long"
    ok("interrupt via KernelManager")

    # Control is served while shell is busy: kernel_info and interrupt
    # requests sent on the control channel are answered there at once.
    msg_id = kc.execute("sleep 30")
    wait_started(kc, msg_id)
    start = time.monotonic()
    info = kc.session.msg("kernel_info_request", {})
    kc.control_channel.send(info)
    r = kc.get_control_msg(timeout=TIMEOUT)
    assert r["msg_type"] == "kernel_info_reply" and r["parent_header"]["msg_id"] == info["header"]["msg_id"], r
    intr = kc.session.msg("interrupt_request", {})
    kc.control_channel.send(intr)
    r = kc.get_control_msg(timeout=TIMEOUT)
    assert r["msg_type"] == "interrupt_reply" and r["content"]["status"] == "ok", r
    reply = shell_reply(kc, msg_id)["content"]
    assert reply["ename"] == "Interrupted", reply
    elapsed = time.monotonic() - start
    assert elapsed < 2, f"control requests waited behind shell: {elapsed:.2f}s"
    ok("control answered during execute")

    reply, _ = run(kc, "after the interrupt")
    assert reply["status"] == "ok", reply
    ok("shell usable after interrupt")


def check_heartbeat(km):
    """Two front ends attached at once each get their own echo. Their REQ
    sockets send no identity: a ROUTER that gave every anonymous peer the same
    empty identity (zmq4 before v0.16) would echo A's ping to B as well, and B
    would then read A's stale echo as its reply."""
    ctx = zmq.Context.instance()
    info = km.get_connection_info()
    peers = []
    for _ in range(2):
        sock = ctx.socket(zmq.REQ)
        sock.linger = 0
        sock.connect(f"tcp://{info['ip']}:{info['hb_port']}")
        peers.append(sock)
    time.sleep(0.2)  # both connected before the first ping
    for rnd in range(2):
        for i, sock in enumerate(peers):
            ping = f"ping-{i}-{rnd}".encode()
            sock.send(ping)
            assert sock.poll(2000), "no heartbeat echo"
            got = sock.recv()
            assert got == ping, f"peer {i} got {got!r} for {ping!r}"
    for sock in peers:
        sock.close()
    ok("heartbeat")


def check_bad_signature(km, kc):
    """A message signed with the wrong key gets no reply; the kernel lives on."""
    ctx = zmq.Context.instance()
    sock = ctx.socket(zmq.DEALER)
    sock.linger = 0
    info = km.get_connection_info()
    sock.connect(f"tcp://{info['ip']}:{info['shell_port']}")
    bad = Session(key=b"wrong-key")
    bad.send(sock, bad.msg("kernel_info_request", {}))
    assert not sock.poll(500), "kernel answered a badly signed message"
    unsigned = Session(key=b"")
    unsigned.send(sock, unsigned.msg("kernel_info_request", {}))
    assert not sock.poll(300), "kernel answered an unsigned message"
    sock.close()
    reply, _ = run(kc, "still serving")
    assert reply["status"] == "ok", reply
    ok("bad signatures rejected")


def check_restart_and_shutdown(km, kc):
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=TIMEOUT)
    reply, _ = run(kc, "after restart")
    assert reply["status"] == "ok" and reply["execution_count"] == 1, reply
    ok("restart")

    # Shutdown while a cell runs: the kernel exits by itself, promptly.
    msg_id = kc.execute("sleep 30")
    wait_started(kc, msg_id)
    start = time.monotonic()
    km.request_shutdown()
    deadline = start + 5
    while km.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not km.is_alive(), "kernel still running 5s after shutdown_request"
    assert km.provisioner.process.returncode == 0, km.provisioner.process.returncode
    ok(f"shutdown during execute ({time.monotonic() - start:.2f}s, exit 0)")


def main():
    km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=30)
    try:
        check_kernel_info(kc)
        check_execute(kc)
        check_error(kc)
        check_complete_inspect(kc)
        check_interrupt(km, kc)
        check_heartbeat(km)
        check_bad_signature(km, kc)
        check_restart_and_shutdown(km, kc)
    finally:
        kc.stop_channels()
        if km.is_alive():
            km.shutdown_kernel(now=True)
            raise AssertionError("kernel had to be killed")


if __name__ == "__main__":
    main()
