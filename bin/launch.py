"""Start aaoi-netpol in the plugin's virtualenv, once sure that venv is the right one (run by bin/netpol).

Run as ``VENV/bin/python -I bin/launch.py NETPOL VENV VERSION ARGS...``: isolated
mode, so neither PYTHONPATH, the user's site-packages nor the current directory
can supply another ``aaoi_netpol``. The package must import from inside VENV and
be VERSION; otherwise the venv is broken or stale, and bin/netpol is started
again to rebuild it (once). ``--check VENV VERSION`` only checks (setup-venv).
The venv's own console script is not used: its first line names the path the
venv was built through, which may be gone (a removed Helm home).
"""

import os
import sys


def problem(venv: str, version: str) -> str:
    """Why VENV cannot run aaoi-netpol VERSION ('' when it can)."""
    try:
        import aaoi_netpol
    except Exception as error:  # a half-installed venv fails in many ways
        return f"cannot import aaoi_netpol ({type(error).__name__}: {error})"
    where = os.path.realpath(aaoi_netpol.__file__)
    if not where.startswith(os.path.realpath(venv) + os.sep):
        return f"aaoi_netpol is imported from {where}, outside {venv}"
    installed = getattr(aaoi_netpol, "__version__", "?")
    if installed != version:
        return f"aaoi_netpol {installed} is installed, the plugin is {version}"
    return ""


def main() -> None:
    if sys.argv[1] == "--check":
        venv, version = sys.argv[2:4]
        found = problem(venv, version)
        if found:
            print(f"helm netpol: the Python environment in {venv} is not usable: {found}", file=sys.stderr)
        sys.exit(2 if found else 0)
    netpol, venv, version, *args = sys.argv[1:]
    found = problem(venv, version)
    if found:
        if os.environ.get("AAOI_NETPOL_REBUILT"):
            print(f"helm netpol: the Python environment in {venv} is not usable even after a rebuild: {found}",
                  file=sys.stderr)
            sys.exit(2)
        print(f"helm netpol: {found}; rebuilding the Python environment", file=sys.stderr)
        os.environ["AAOI_NETPOL_REBUILD"] = "1"
        os.execv("/bin/sh", ["sh", netpol, *args])
    from aaoi_netpol.entry import main as run

    sys.argv = ["aaoi-netpol", *args]
    run()


main()
