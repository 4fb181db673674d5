#!/usr/bin/env python3
"""Check AWS API inputs against botocore's service models, offline.

stdin:  JSON list of {"id", "service", "operation", "input"}
        (service: a botocore model name such as "appmesh"; operation: "CreateMesh").
stdout: JSON list of {"id", "errors": [...], "warnings": [...]}, one per input, same order.

botocore.validate.ParamValidator checks required members, types, unknown members and minimums.
AWS also enforces maximums, patterns and enums, which botocore leaves to the server, so this
script walks the input shape for those too. Patterns are written for Java's regex engine; the few
that Python cannot compile are translated (\\p{L} and friends) or, failing that, reported as
warnings ("pattern not checked") instead of being skipped silently.
"""

import json
import re
import sys

import botocore.session
from botocore.validate import ParamValidator

# Java's Unicode classes, approximated for Python's re (used inside character classes in AWS tag
# patterns). \w (Unicode) covers letters and digits, \s covers separators.
JAVA_CLASS_TRANSLATIONS = (
    (r"\p{L}", r"\w"),
    (r"\p{N}", r"\w"),
    (r"\p{Z}", r"\s"),
)


def compile_pattern(pattern, cache):
    """Returns (compiled or None, warning or None). Cached per pattern text."""
    if pattern in cache:
        return cache[pattern]
    result = None
    try:
        # Java's \w, \d are ASCII; so are Python's with re.ASCII.
        result = (re.compile(pattern, re.ASCII), None)
    except re.error:
        translated = pattern
        for java, python in JAVA_CLASS_TRANSLATIONS:
            translated = translated.replace(java, python)
        # Java reads '-' right after a class escape inside [...] as a literal; Python rejects it.
        translated = re.sub(r"(\\[wdsWDS])-", r"\1\\-", translated)
        try:
            result = (re.compile(translated), None)
        except re.error as error:
            result = (None, "pattern %r not checked: Python cannot compile it (%s)" % (pattern, error))
    cache[pattern] = result
    return result


class ConstraintWalker:
    """Checks what ParamValidator does not: max length/size/value, pattern, enum."""

    def __init__(self):
        self.patterns = {}

    def walk(self, value, shape, path, errors, warnings):
        if value is None:
            return
        kind = shape.type_name
        meta = shape.metadata
        if kind == "structure":
            if not isinstance(value, dict):
                return  # ParamValidator reports the type error
            for key, member_value in value.items():
                member = shape.members.get(key)
                if member is not None:
                    self.walk(member_value, member, join(path, key), errors, warnings)
        elif kind == "list":
            if not isinstance(value, list):
                return
            if "max" in meta and len(value) > meta["max"]:
                errors.append(
                    "Invalid length for parameter %s, length: %d, valid max length: %d"
                    % (path, len(value), meta["max"])
                )
            for index, item in enumerate(value):
                self.walk(item, shape.member, "%s[%d]" % (path, index), errors, warnings)
        elif kind == "map":
            if not isinstance(value, dict):
                return
            if "max" in meta and len(value) > meta["max"]:
                errors.append(
                    "Invalid length for parameter %s, length: %d, valid max length: %d"
                    % (path, len(value), meta["max"])
                )
            for key, item in value.items():
                self.walk(key, shape.key, "%s (key %r)" % (path, key), errors, warnings)
                self.walk(item, shape.value, "%s[%r]" % (path, key), errors, warnings)
        elif kind == "string":
            if not isinstance(value, str):
                return
            if "max" in meta and len(value) > meta["max"]:
                errors.append(
                    "Invalid length for parameter %s, length: %d, valid max length: %d"
                    % (path, len(value), meta["max"])
                )
            enum = getattr(shape, "enum", None) or []
            if enum and value not in enum:
                errors.append(
                    "Invalid value for parameter %s, value: %r, valid values: %s" % (path, value, ", ".join(enum))
                )
            pattern = meta.get("pattern")
            if pattern:
                compiled, warning = compile_pattern(pattern, self.patterns)
                if warning:
                    warnings.append("%s: %s" % (path, warning))
                # AWS services match the whole value (Java's String.matches), anchored or not.
                elif compiled.fullmatch(value) is None:
                    errors.append(
                        "Invalid pattern for parameter %s, value: %r, valid pattern: %s" % (path, value, pattern)
                    )
        elif kind in ("integer", "long", "float", "double"):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return
            if "max" in meta and value > meta["max"]:
                errors.append(
                    "Invalid range for parameter %s, value: %s, valid max value: %s" % (path, value, meta["max"])
                )


def join(path, key):
    return "%s.%s" % (path, key) if path else key


def validate_all(requests):
    session = botocore.session.get_session()
    models = {}
    validator = ParamValidator()
    walker = ConstraintWalker()
    results = []
    for request in requests:
        errors, warnings = [], []
        try:
            service = request["service"]
            if service not in models:
                models[service] = session.get_service_model(service)
            operation = models[service].operation_model(request["operation"])
            shape = operation.input_shape
            report = validator.validate(request["input"], shape)
            if report.has_errors():
                # One problem per line, e.g. 'Missing required parameter in input: "meshName"'.
                errors.extend(line for line in report.generate_report().splitlines() if line.strip())
            walker.walk(request["input"], shape, "", errors, warnings)
        except Exception as error:  # an unknown service or operation is a failure to report, not a crash
            errors.append("cannot validate: %s: %s" % (type(error).__name__, error))
        results.append({"id": request.get("id"), "errors": errors, "warnings": warnings})
    return results


def main():
    requests = json.load(sys.stdin)
    json.dump(validate_all(requests), sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
