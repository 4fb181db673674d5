#!/usr/bin/env python3
"""Run many AWS CLI commands in one Python process, each exactly as `aws ...` would run it.

stdin:  JSON list of {"file", "service", "command"}.
stdout: JSON list of {"file", "exitCode", "output"} in the same order.

The commands run through one CLI driver (awscli.clidriver.create_clidriver, what the `aws` entry
point calls), whose main() parses and validates each command anew, as `aws` does: parameter parsing
and validation are the CLI's own. Only the interpreter start-up (about 0.4 s per `aws` process), the
driver's plugins and command table (about 0.04 s per command) and the loaded model files are shared;
for valid, invalid and unparsable files the output is the same as with a new driver per command.
The caller sets an offline environment and the unreachable endpoint, so a valid file ends with
"Could not connect to the endpoint URL".
"""

import contextlib
import io
import json
import sys

from awscli.clidriver import create_clidriver

OFFLINE_ARGS = ["--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1", "--cli-connect-timeout", "2"]


_driver = []


def shared_driver():
    """The process's CLI driver, made on first use."""
    if not _driver:
        _driver.append(create_clidriver())
    return _driver[0]


def run(check):
    args = [check["service"], check["command"], "--cli-input-json", "file://" + check["file"], *OFFLINE_ARGS]
    output = io.StringIO()
    with contextlib.redirect_stderr(output), contextlib.redirect_stdout(output):
        try:
            exit_code = shared_driver().main(args)
        except SystemExit as exit:  # argument errors exit like the real command would
            exit_code = exit.code if isinstance(exit.code, int) else 255
    return {"file": check["file"], "exitCode": exit_code, "output": output.getvalue().strip()}


def main():
    checks = json.load(sys.stdin)
    json.dump([run(check) for check in checks], sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
