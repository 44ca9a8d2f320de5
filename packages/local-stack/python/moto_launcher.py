"""Runs moto's server for edgecv's local stack, exiting when the parent process goes away.

Usage: python moto_launcher.py --host 127.0.0.1 --port <port> [--parent-pid <pid>]

moto_server alone outlives a parent killed with SIGKILL; this wrapper polls the parent so a
crashed test run leaves no server behind. Without --parent-pid (the detached stack) it runs
until it is sent SIGTERM.

It also lets moto's router match keys holding a newline, as S3 does: moto routes object URLs
with regular expressions such as `(?P<key_name>.+)`, and `.` stops at a newline, so such a key
got werkzeug's 404 page. Matching with DOTALL changes nothing else: every other character
already matched.
"""

import argparse
import os
import sys
import threading
import time


def watch_parent(parent_pid: int) -> None:
    while True:
        alive = True
        try:
            os.kill(parent_pid, 0)
        except ProcessLookupError:
            alive = False
        except PermissionError:
            pass
        # Re-parenting means the parent died, even if its pid was reused meanwhile.
        if not alive or os.getppid() != parent_pid:
            sys.stderr.write(f"edgecv: parent process {parent_pid} is gone, stopping\n")
            sys.stderr.flush()
            os._exit(0)
        time.sleep(0.3)


def route_newlines() -> None:
    from moto.moto_server import utilities

    plain_init = utilities.RegexConverter.__init__

    def dotall_init(self, url_map, *items):  # type: ignore[no-untyped-def]
        plain_init(self, url_map, *items)
        self.regex = f"(?s:{self.regex})"

    utilities.RegexConverter.__init__ = dotall_init


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--parent-pid", type=int, default=0)
    args = parser.parse_args()

    if args.parent_pid > 0:
        threading.Thread(target=watch_parent, args=(args.parent_pid,), daemon=True).start()

    route_newlines()
    from moto.server import main as moto_main

    moto_main(["-H", args.host, "-p", str(args.port)])


if __name__ == "__main__":
    main()
