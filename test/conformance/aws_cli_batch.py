#!/usr/bin/env python3
"""Run many AWS CLI commands in one Python process, each exactly as `aws ...` would run it.

stdin:  JSON list of {"file", "service", "command"}.
stdout: JSON list of {"file", "exitCode", "output"} in the same order.

Each command gets a fresh CLI driver (awscli.clidriver.create_clidriver, what the `aws` entry point
calls), so parameter parsing and validation are the CLI's own; only the interpreter start-up
(about 0.4 s per `aws` process) and the loaded model files are shared. The caller sets an offline environment and the
unreachable endpoint, so a valid file ends with "Could not connect to the endpoint URL".
"""

import contextlib
import io
import json
import sys

from awscli.clidriver import create_clidriver

OFFLINE_ARGS = ["--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1", "--cli-connect-timeout", "2"]


_shared_loader = []


def fresh_driver():
    """A new driver and session per command; only the model file cache (the data loader) is shared,
    so the 4 MB EC2 model is read once per process instead of once per command."""
    driver = create_clidriver()
    session = getattr(driver, "session", None)
    if session is not None:
        if _shared_loader:
            session.register_component("data_loader", _shared_loader[0])
        else:
            _shared_loader.append(session.get_component("data_loader"))
    return driver


def run(check):
    args = [check["service"], check["command"], "--cli-input-json", "file://" + check["file"], *OFFLINE_ARGS]
    output = io.StringIO()
    with contextlib.redirect_stderr(output), contextlib.redirect_stdout(output):
        try:
            exit_code = fresh_driver().main(args)
        except SystemExit as exit:  # argument errors exit like the real command would
            exit_code = exit.code if isinstance(exit.code, int) else 255
    return {"file": check["file"], "exitCode": exit_code, "output": output.getvalue().strip()}


def main():
    checks = json.load(sys.stdin)
    json.dump([run(check) for check in checks], sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
