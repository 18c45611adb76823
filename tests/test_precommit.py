"""The pre-commit hooks, run by the pre-commit framework itself on a throwaway repository."""
import os
import subprocess
import sys

import pytest

from conftest import REPO, write

GBK_TEXT = "关于开展文明城市创建工作的通知\n各街道办事处、各有关单位：现将有关事项通知如下。\n"
CLEAN_TEXT = "Crème brûlée, naïve café\n"


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory):
    return str(tmp_path_factory.mktemp("pre-commit-home"))


@pytest.fixture
def staged_repo(tmp_path):
    git(tmp_path, "init", "-q")
    write(tmp_path / "notice.txt", GBK_TEXT.encode("gbk"))
    write(tmp_path / "clean.txt", CLEAN_TEXT)
    git(tmp_path, "add", ".")
    return tmp_path


def try_repo(hook, cwd, home):
    env = dict(os.environ, PRE_COMMIT_HOME=home, PRE_COMMIT_COLOR="never")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), hook], cwd=cwd, env=env,
        capture_output=True, text=True,
    )


def test_hook_reports_the_gbk_file(staged_repo, pre_commit_home):
    result = try_repo("moji-lint", staged_repo, pre_commit_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "notice.txt:1:1: ENC001" in result.stdout
    assert "clean.txt" not in result.stdout.split("Failed")[-1]


def test_fix_hook_transcodes_and_leaves_the_clean_file_alone(staged_repo, pre_commit_home):
    result = try_repo("moji-lint-fix", staged_repo, pre_commit_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert (staged_repo / "notice.txt").read_bytes() == GBK_TEXT.encode("utf-8")
    assert (staged_repo / "clean.txt").read_bytes() == CLEAN_TEXT.encode("utf-8")


def test_utf16_files_reach_the_hook(staged_repo, pre_commit_home):
    write(staged_repo / "wide.txt", CLEAN_TEXT.encode("utf-16"))
    git(staged_repo, "add", "wide.txt")
    result = try_repo("moji-lint", staged_repo, pre_commit_home)
    assert "wide.txt:1:1: ENC001" in result.stdout


def readme_pre_commit_config():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- pre-commit-config -->", 1)[1]
    return block.split("```yaml\n", 1)[1].split("```", 1)[0]


def test_readme_pre_commit_config_runs_the_hook(staged_repo, pre_commit_home):
    """The README's config, pointed at this checkout's HEAD, is what pre-commit runs here."""
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    config = readme_pre_commit_config()
    config = config.replace("https://github.com/moji-lint/moji-lint", str(REPO)).replace("v0.1.0", head)
    write(staged_repo / ".pre-commit-config.yaml", config)
    env = dict(os.environ, PRE_COMMIT_HOME=pre_commit_home, PRE_COMMIT_COLOR="never")
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run"], cwd=staged_repo, env=env, capture_output=True, text=True
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "notice.txt:1:1: ENC001" in result.stdout
