# Sourced by `.ci/run` and `scripts/serve`: make the project's virtual environment from a plain
# `python3` and install the project into it, editable.  Nothing is installed with the system's pip.
#
#   ensure_venv app    # the app and the data tools (requirements.txt)
#   ensure_venv test   # also the test suite's packages (requirements-test.txt)
#
# VENV (default: .venv in the checkout) and PYTHON (default: python3) may be set.  The install runs
# again only when pyproject.toml or a requirements file changed, so a second start needs no network.

VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}

venv_die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

_venv_stamp() {
    cat pyproject.toml requirements.txt requirements-test.txt | sha256sum | cut -d' ' -f1
}

_venv_create() {
    command -v "$PYTHON" >/dev/null 2>&1 ||
        venv_die "'$PYTHON' was not found: install Python 3.11 or newer (Debian/Ubuntu: apt-get install python3 python3-venv)"
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
        venv_die "Python 3.11 or newer is needed; '$PYTHON' is $("$PYTHON" -c 'import sys; print(sys.version.split()[0])')"
    # Debian and Ubuntu ship venv's pip bootstrap (ensurepip) in a separate package.
    "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1 ||
        venv_die "'$PYTHON' cannot make a virtual environment (the venv module or ensurepip is missing).
On Debian or Ubuntu install it first:  sudo apt-get install python3-venv"
    echo "making the virtual environment $VENV with $PYTHON" >&2
    "$PYTHON" -m venv --clear "$VENV" || venv_die "could not make the virtual environment $VENV"
}

ensure_venv() {
    local what=$1 spec stamp
    case "$what" in
        app) spec="." ;;
        test) spec=".[test]" ;;
        *) venv_die "ensure_venv: say 'app' or 'test', not '$what'" ;;
    esac
    # A directory left by a failed attempt (no pip in it) is made again.
    if ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
        _venv_create
    fi
    stamp=$(_venv_stamp)
    if [ "$(cat "$VENV/.installed-$what" 2>/dev/null)" = "$stamp" ] ||
        { [ "$what" = app ] && [ "$(cat "$VENV/.installed-test" 2>/dev/null)" = "$stamp" ]; }; then
        return 0
    fi
    echo "installing the project and its pinned dependencies into $VENV ($spec)" >&2
    "$VENV/bin/python" -m pip install --disable-pip-version-check --progress-bar off -e "$spec" ||
        venv_die "pip could not install the dependencies into $VENV (see above)"
    echo "$stamp" >"$VENV/.installed-$what"
}
