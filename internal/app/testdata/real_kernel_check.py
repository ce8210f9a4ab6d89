"""Drives the real huntbook kernel (KQL over the small test workspace of
session/sessiontest) through Debian's jupyter_client. Run by
internal/app/jupyter_test.go with a private JUPYTER_DATA_DIR holding the
kernelspec named in argv[1]. Prints one "ok <check>" line per passed check;
any failure raises and exits non-zero.
"""

import sys
import time

from jupyter_client.manager import start_new_kernel

KERNEL = sys.argv[1]
TIMEOUT = 30


def ok(name):
    print("ok", name, flush=True)


def run(kc, code):
    outputs = []

    def hook(m):
        if m["msg_type"] not in ("status", "execute_input"):
            outputs.append((m["msg_type"], m["content"]))

    reply = kc.execute_interactive(code, timeout=TIMEOUT, output_hook=hook)
    return reply["content"], outputs


def shell_reply(kc, msg_id):
    while True:
        msg = kc.get_shell_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def wait_started(kc, msg_id):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
            return
    raise AssertionError("cell never started")


def check_execute(kc):
    reply, outputs = run(kc, "let who = 'bob';")
    assert reply["status"] == "ok" and outputs == [], (reply, outputs)
    reply, outputs = run(kc, "Events | where User == who | project User, Count | as bobs")
    assert reply["status"] == "ok" and reply["execution_count"] == 2, reply
    (kind, res), = outputs
    assert kind == "execute_result" and res["execution_count"] == 2, outputs
    assert "<td>bob</td>" in res["data"]["text/html"], res
    ok("execute table")

    reply, outputs = run(kc, "bobs | summarize n = count() by bin(Count, 5) | render columnchart")
    (kind, res), = outputs
    assert res["data"]["image/svg+xml"].lstrip().startswith("<svg"), res["data"].keys()
    assert "application/vnd.vegalite.v5+json" in res["data"], res["data"].keys()
    ok("execute chart")

    reply, outputs = run(kc, "_2 | summarize total = sum(Count)")
    (kind, res), = outputs
    assert "22" in res["data"]["text/plain"], res
    ok("results by number")

    reply, outputs = run(kc, "Events\n| where Cuont > 1")
    assert reply["status"] == "error" and reply["ename"] == "SemanticError", reply
    tb = "\n".join(reply["traceback"])
    assert "line 2, column 9" in tb and "| where Cuont" in tb, tb
    ok("positioned error")


def check_editor(kc):
    c = shell_reply(kc, kc.complete("Events | where Us", 17))["content"]
    assert c["status"] == "ok" and "User" in c["matches"], c
    assert (c["cursor_start"], c["cursor_end"]) == (15, 17), c
    ok("complete column")

    c = shell_reply(kc, kc.inspect("Events", 2))["content"]
    assert c["found"] and "Count: long" in c["data"]["text/plain"], c
    ok("inspect table")

    for code, status in [("Events | take 1", "complete"), ("Events |", "incomplete"), ("Events | take )", "invalid")]:
        c = shell_reply(kc, kc.is_complete(code))["content"]
        assert c["status"] == status, (code, c)
    ok("is_complete")


def check_interrupt(km, kc):
    start = time.monotonic()
    msg_id = kc.execute("range x from 1 to 20000000000 step 1 | summarize sum(x % 7), dcount(x)")
    wait_started(kc, msg_id)
    time.sleep(0.5)
    stopped = time.monotonic()
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id)["content"]
    assert reply["status"] == "error" and reply["ename"] == "Interrupted", reply
    took = time.monotonic() - stopped
    assert took < 3, f"the query stopped {took:.2f}s after the interrupt"
    reply, outputs = run(kc, "print after = 1")
    assert reply["status"] == "ok", reply
    ok(f"interrupt of a long query ({took:.2f}s)")


def main():
    km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=60)
    try:
        check_execute(kc)
        check_editor(kc)
        check_interrupt(km, kc)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    assert not km.is_alive(), "kernel still alive after shutdown"
    ok("shutdown")


if __name__ == "__main__":
    main()
