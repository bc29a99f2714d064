"""`scripts/setup-system.sh` installs exactly the missing Debian packages, and nothing when none is.

The script runs with a PATH of stubs only: `apt-get` records its arguments and "installs" a
package by creating the command it provides, `id` says root or not, and `tesseract` lists the
languages installed so far. Real commands of this machine are never seen.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import require_command

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "setup-system.sh"
ALL_PACKAGES = {"chromium", "antiword", "tesseract-ocr"} | {
    f"tesseract-ocr-{lang}" for lang in ("eng", "fra", "spa", "por")
}

APT_GET = r"""#!/bin/bash
PATH=/usr/bin:/bin  # the stub itself may use real tools
echo "$*" >> "$STUBS/apt-get.log"
[ "$1" = install ] || exit 0
for package in "$@"; do
    case "$package" in
        chromium|antiword) printf '#!/bin/bash\n' > "$STUBS/$package"; chmod +x "$STUBS/$package" ;;
        tesseract-ocr) cp "$STUBS/tesseract.stub" "$STUBS/tesseract"; chmod +x "$STUBS/tesseract" ;;
        tesseract-ocr-*) [ -n "$BROKEN_LANG" ] || echo "${package#tesseract-ocr-}" >> "$STUBS/langs"
            ;;
    esac
done
"""
TESSERACT = """#!/bin/bash
PATH=/usr/bin:/bin
echo "List of available languages (n):"; cat "$STUBS/langs" 2>/dev/null
"""


def make_stubs(folder: Path, *, uid: int, present: set[str]) -> Path:
    """A bin folder with the stubs, holding already the commands of the `present` packages."""
    folder.mkdir()
    (folder / "grep").symlink_to(subprocess.check_output(["bash", "-c", "command -v grep"],
                                                         text=True).strip())
    scripts = {"apt-get": APT_GET, "tesseract.stub": TESSERACT, "id": f"#!/bin/bash\necho {uid}\n"}
    scripts |= {name: "#!/bin/bash\n" for name in ("chromium", "antiword") if name in present}
    if "tesseract-ocr" in present:
        scripts["tesseract"] = TESSERACT
    for name, text in scripts.items():
        (folder / name).write_text(text)
        (folder / name).chmod(0o755)
    langs = [p.removeprefix("tesseract-ocr-") for p in present if p.startswith("tesseract-ocr-")]
    (folder / "langs").write_text("".join(f"{lang}\n" for lang in langs))
    return folder


def run_setup(stubs: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {"PATH": str(stubs), "STUBS": str(stubs), "BROKEN_LANG": ""} | env
    return subprocess.run(["/bin/bash", str(SCRIPT)], env=environment, capture_output=True,
                          text=True, timeout=30)


def installed(stubs: Path) -> list[str]:
    log = stubs / "apt-get.log"
    lines = log.read_text().splitlines() if log.exists() else []
    return [word for line in lines if line.startswith("install") for word in line.split()[1:]
            if not word.startswith("-")]


def test_nothing_is_installed_when_everything_is_present(tmp_path):
    stubs = make_stubs(tmp_path / "bin", uid=0, present=ALL_PACKAGES)
    result = run_setup(stubs)
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""
    assert not (stubs / "apt-get.log").exists()


def test_root_installs_exactly_the_missing_packages_then_a_second_run_does_nothing(tmp_path):
    present = {"antiword", "tesseract-ocr", "tesseract-ocr-eng"}
    stubs = make_stubs(tmp_path / "bin", uid=0, present=present)
    first = run_setup(stubs)
    assert first.returncode == 0, first.stderr
    assert sorted(installed(stubs)) == sorted(ALL_PACKAGES - present)
    assert "installing system packages" in first.stdout
    calls = (stubs / "apt-get.log").read_text()
    second = run_setup(stubs)
    assert second.returncode == 0 and second.stdout == ""
    assert (stubs / "apt-get.log").read_text() == calls  # no apt-get call at all


def test_without_root_the_exact_sudo_command_is_named_in_one_line(tmp_path):
    stubs = make_stubs(tmp_path / "bin", uid=1000, present=ALL_PACKAGES - {"chromium"})
    result = run_setup(stubs)
    assert result.returncode == 1 and not (stubs / "apt-get.log").exists()
    assert result.stderr.strip().splitlines() == [
        "missing system packages; install them with: sudo apt-get install -y chromium"
    ]


def test_a_package_apt_could_not_provide_fails_the_set_up(tmp_path):
    stubs = make_stubs(tmp_path / "bin", uid=0, present={"chromium", "antiword"})
    result = run_setup(stubs, BROKEN_LANG="1")
    assert result.returncode == 1
    assert "could not install system packages: tesseract-ocr-eng" in result.stderr


def test_a_test_needing_a_missing_tool_fails_with_the_install_line_instead_of_skipping():
    with pytest.raises(pytest.fail.Exception) as failure:
        require_command("no-such-ocr-engine", "no-such-package")
    assert str(failure.value) == (
        "no-such-ocr-engine is not installed: run `make setup` (apt-get install no-such-package)"
    )
