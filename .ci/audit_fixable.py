"""Fail CI only on a known vulnerability that has a fixed version (issue 11, point 7).

Reads ``pip-audit -f json`` output; prints every finding, and exits 1 if any has a fix.
A missing report (the audit service could not be reached) is a warning, not a failure.
"""

import json
import sys
from pathlib import Path


def main(path: str) -> int:
    report = Path(path)
    if not report.exists():
        print(f"pip-audit: no report at {path}; the audit did not run", file=sys.stderr)
        return 0
    fixable = []
    for dep in json.loads(report.read_text())["dependencies"]:
        for vuln in dep.get("vulns", []):
            fixes = ", ".join(vuln["fix_versions"]) or "none yet"
            print(f"{dep['name']} {dep['version']}: {vuln['id']} (fixed in: {fixes})")
            if vuln["fix_versions"]:
                fixable.append(dep["name"])
    print(f"pip-audit: {len(fixable)} vulnerable package(s) with a fixed version")
    return 1 if fixable else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
