"""The GitHub Action: its steps, run as a runner would run them, on a throwaway git repository.

The runner is emulated: ``${{ ... }}`` expressions are substituted, each step runs as
``bash --noprofile --norc -eo pipefail`` with the step's env, and folders a step appends
to ``$GITHUB_PATH`` come first on the PATH of the steps after it.
"""
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

REPO = Path(__file__).resolve().parents[1]
EXPRESSION = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")
MARKER = "<!-- workflow -->"

GBK_NOTICE = "关于创建文明城市的通知：请各单位认真学习，按时完成工作。\n".encode("gbk")


def load_action():
    return yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))


def substitute(text, context):
    """Replace ``${{ name }}`` expressions; an expression the test does not know fails loudly."""
    return EXPRESSION.sub(lambda m: context[m.group(1)], text)


def path_without_moji_lint():
    """The PATH minus folders holding a moji-lint command, so that only the action's install is found."""
    folders = os.environ.get("PATH", "").split(os.pathsep)
    return [f for f in folders if f and not (Path(f) / "moji-lint").exists()]


class Runner:
    """Runs steps of action.yml the way a GitHub runner does, keeping $GITHUB_PATH between calls."""

    def __init__(self, action_path: Path, temp: Path):
        self.action = load_action()
        self.action_path = action_path
        self.temp = temp
        self.github_path = temp / "github_path"
        self.github_path.write_text("")

    def context(self, inputs):
        declared = self.action["inputs"]
        unknown = set(inputs) - set(declared)
        assert not unknown, f"not inputs of the action: {unknown}"
        values = {name: spec.get("default", "") for name, spec in declared.items()}
        values.update(inputs)
        return {"github.action_path": str(self.action_path), **{f"inputs.{k}": v for k, v in values.items()}}

    def environment(self, step, context, workspace):
        added = self.github_path.read_text().split()
        env = {
            "HOME": os.environ.get("HOME", str(self.temp)),
            "PATH": os.pathsep.join([*reversed(added), *path_without_moji_lint()]),
            "GITHUB_ACTIONS": "true",
            "GITHUB_ACTION_PATH": str(self.action_path),
            "GITHUB_PATH": str(self.github_path),
            "GITHUB_WORKSPACE": str(workspace),
            "RUNNER_TEMP": str(self.temp),
        }
        env.update({name: substitute(str(value), context) for name, value in step.get("env", {}).items()})
        return env

    def run(self, steps, workspace, **inputs):
        """Run ``steps`` in ``workspace``; stop at the first that fails, as the runner does."""
        context = self.context(inputs)
        for number, step in enumerate(steps):
            assert step["shell"] == "bash"
            script = self.temp / f"step-{number}.sh"
            script.write_text(substitute(step["run"], context))
            proc = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=workspace,
                env=self.environment(step, context, workspace),
                capture_output=True,
                text=True,
                timeout=600,
            )
            if proc.returncode:
                break
        return proc


def copy_project(target: Path) -> Path:
    """The project's files (tracked, or new and not ignored), as the runner checks the action out."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, capture_output=True, check=True,
    ).stdout.decode("utf-8", "surrogateescape").split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def install_steps():
    return load_action()["runs"]["steps"][:-1]


def run_step():
    return load_action()["runs"]["steps"][-1:]


@pytest.fixture(scope="module")
def runner(tmp_path_factory):
    """A runner on which the action's install steps have run (once: they take a few seconds)."""
    if not shutil.which("bash") or not shutil.which("git"):
        pytest.skip("needs bash and git")
    root = tmp_path_factory.mktemp("action")
    temp = root / "runner-temp"
    temp.mkdir()
    runner = Runner(copy_project(root / "action"), temp)
    proc = runner.run(install_steps(), workspace=root)
    assert proc.returncode == 0, proc.stderr
    return runner


def git(repo, *args):
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=repo, check=True, capture_output=True,
    )


@pytest.fixture
def workspace(tmp_path):
    """A git repository with a GBK file, a UTF-8 file with a BOM, a clean file and an ignored GBK file."""
    repo = tmp_path / "repo"
    repo.mkdir()
    files = {
        "docs/notice, draft.txt": GBK_NOTICE,
        "bom.md": b"\xef\xbb\xbf# Title\n",
        "clean.md": "Caf\u00e9 cr\u00e8me, \u5173\u4e8e, \U0001f600\n".encode("utf-8"),
        ".gitignore": b"ignored/\n",
        "ignored/old.txt": GBK_NOTICE,
    }
    for name, data in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_bytes(data)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "files")
    return repo


def test_install_puts_moji_lint_on_the_path(runner):
    folders = runner.github_path.read_text().split()
    assert len(folders) == 1
    assert any((Path(folders[0]) / name).exists() for name in ("moji-lint", "moji-lint.exe"))


def test_annotations_and_plain_report(runner, workspace, run_cli):
    proc = runner.run(run_step(), workspace, args="--extend-select ENC003")
    text = run_cli("--extend-select", "ENC003", cwd=workspace)
    annotations = run_cli("--format", "github", "--extend-select", "ENC003", cwd=workspace)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == text.out + annotations.out
    lines = annotations.out.splitlines()
    assert any(line.startswith("::error file=docs/notice%2C draft.txt,line=1,") for line in lines)
    assert any("title=ENC001 not-utf8::" in line for line in lines)
    assert any(line.startswith("::warning file=bom.md,line=1,col=1,") for line in lines)
    assert "ignored/" not in proc.stdout
    assert "clean.md" not in proc.stdout
    assert text.out.endswith("fixable with --fix).\n")


def test_clean_repository_passes_with_the_plain_report_only(runner, workspace):
    proc = runner.run(run_step(), workspace, paths="clean.md bom.md")
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "All checks passed!\n", "")


def test_sarif_file_for_code_scanning(runner, workspace):
    proc = runner.run(run_step(), workspace, format="sarif", **{"output-file": "moji-lint.sarif"})
    assert proc.returncode == 1
    assert "docs/notice, draft.txt:1:1: ENC001" in proc.stdout
    assert "::error" not in proc.stdout
    results = json.loads((workspace / "moji-lint.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in results] == [
        ("ENC001", "docs/notice%2C%20draft.txt")
    ]


def test_sarif_file_is_written_when_nothing_is_found(runner, workspace):
    proc = runner.run(run_step(), workspace, paths="clean.md", format="sarif", **{"output-file": "out.sarif"})
    assert (proc.returncode, proc.stdout) == (0, "All checks passed!\n")
    assert json.loads((workspace / "out.sarif").read_text(encoding="utf-8"))["runs"][0]["results"] == []


def test_fix_through_args(runner, workspace):
    proc = runner.run(run_step(), workspace, args="--fix --unsafe-fixes")
    assert proc.returncode == 1, "a fix changed a file"
    assert (workspace / "docs" / "notice, draft.txt").read_bytes() == GBK_NOTICE.decode("gbk").encode("utf-8")
    assert (workspace / "ignored" / "old.txt").read_bytes() == GBK_NOTICE
    assert runner.run(run_step(), workspace).returncode == 0


def test_bad_arguments_fail_the_step(runner, workspace):
    proc = runner.run(run_step(), workspace, args="--select NOPE")
    assert proc.returncode == 2
    assert "NOPE" in proc.stderr


def test_readme_workflow_is_the_example_workflow():
    """The README shows docs/github-workflow.yml, as a fenced block after the marker."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    if MARKER not in readme:
        pytest.skip("the README has no workflow block yet")
    block = re.search(r"```ya?ml\n(.*?)```", readme[readme.index(MARKER):], re.DOTALL)
    assert block, f"no ```yaml block after {MARKER} in README.md"
    assert block.group(1) == (REPO / "docs" / "github-workflow.yml").read_text(encoding="utf-8")


def test_example_workflow_uses_the_action_and_uploads_sarif():
    workflow = yaml.safe_load((REPO / "docs" / "github-workflow.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    uses = [step.get("uses", "") for step in steps]
    assert any(u.startswith("actions/checkout@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    action_steps = [s for s in steps if re.fullmatch(r"[\w.-]+/moji-lint@[\w.-]+", s.get("uses", ""))]
    declared = load_action()["inputs"]
    for step in action_steps:
        assert set(step.get("with", {})) <= set(declared)
    assert action_steps, "the workflow runs the action"
