"""Hand-ins (somekurs.handin, ``lever()``): the participant sees what they hand in, confirms, and the
files land where the instructor collects them; typed text only when shared; never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from somekurs import class_overview, handin
from somekurs.exercises import progress
from somekurs.exercises.evaluate import answer_key, evaluate
from somekurs.exercises.model import fingerprint

from tests import exercises_support
from tests.exercises_support import fixture_exercises

ROOT = Path(__file__).resolve().parent.parent
progress_file = exercises_support.progress_file
use_fixture_exercises = exercises_support.use_fixture_exercises
EX = fixture_exercises()
TYPED = "Jeg ville svart i innboksen og bedt om saksnummeret, ikke skrevet noe om saken i kommentarfeltet."


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A participant's home folder, and no hand-in folder unless a test sets one."""
    folder = tmp_path / "hjem"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.delenv(handin.ENV_VAR, raising=False)
    return folder


def answer_some(text: str = TYPED) -> None:
    for key in ("test-valg-ett", "test-sortering", "test-dilemma"):
        exercise = EX[key]
        answer = answer_key(exercise) if key != "test-dilemma" else {"text": text, "rubric": {"p1": True}}
        feedback = evaluate(exercise, answer)
        progress.save_answer(
            key,
            answer,
            correct=feedback.correct,
            summary=feedback.summary,
            theme=exercise["theme"],
            kind=exercise["kind"],
            version=fingerprint(exercise),
        )


@pytest.mark.parametrize(
    ("nickname", "expected"),
    [
        ("Kåre Ørn Æsøy", "kaare-orn-aesoy"),
        ("", "uten-kallenavn"),
        ("../../etc/passwd", "etc-passwd"),
        ("<script>", "script"),
        ("Én 😀 x " * 10, "en-x-en-x-en-x-en-x-en-x-en-x"),
    ],
)
def test_file_names_are_safe_and_carry_nickname_date_and_code(nickname: str, expected: str) -> None:
    stem = handin.file_stem(nickname, "2026-12-01T23:30:00+00:00", "abcdefgh")
    assert stem == f"{expected}-2026-12-02-abcdefgh"  # 23.30 UTC is 00.30 on the 2nd in Norway
    assert "/" not in stem and len(stem) <= handin.NAME_MAX + 20


def test_two_participants_with_one_nickname_never_share_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    shared = tmp_path / "innlevering"
    shared.mkdir()
    for person in ("a", "b"):
        monkeypatch.setenv("SOMEKURS_PROGRESS", str(tmp_path / person / "fremdrift.json"))
        answer_some()
        result = handin.deliver(handin.prepare("Kari", "", False, EX), local=tmp_path / person / "kopi", shared=shared)
        assert not result.problem and len(result.delivered) == 2
    names = sorted(p.name for p in shared.iterdir())
    assert len(names) == 4 and all(n.startswith("kari-") for n in names)
    answers = class_overview.collect(shared, EX).answers
    assert answers["deltaker_id"].nunique() == 2


def test_what_is_shown_is_exactly_what_is_handed_in(progress_file: Path, home: Path, tmp_path: Path) -> None:
    answer_some()
    package = handin.prepare("Ugle", "Gruppe B", share=True, exercises=EX)
    result = handin.deliver(package, shared=tmp_path / "inn")  # no such folder: kept locally, and said so
    assert "finnes ikke" in result.problem and "Si fra til kursholderen" in result.problem
    md, table = sorted(result.local, key=lambda p: p.suffix, reverse=True)
    assert md.read_text(encoding="utf-8") == package.markdown
    assert table.read_text(encoding="utf-8-sig") == package.csv
    assert md.parent == home / "kurssvar" and stat.S_IMODE(md.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(md.stat().st_mode) == handin.LOCAL_MODE
    assert "Kallenavn: Ugle" in package.markdown and "Gruppe: Gruppe B" in package.markdown and TYPED in package.markdown
    assert "Deltakerkode: " + progress.participant_token() in package.markdown


def test_typed_text_goes_only_when_shared_and_each_is_marked(progress_file: Path, home: Path) -> None:
    answer_some()
    kept = handin.prepare("Ugle", share=False, exercises=EX)
    assert TYPED not in kept.markdown and TYPED not in kept.csv
    assert "ikke delt, og ikke med i innleveringen" in kept.markdown and kept.typed == 1
    rows = {r["exercise_id"]: r for r in class_overview.csv.DictReader(class_overview.io.StringIO(kept.csv))}
    assert rows["test-dilemma"]["shared"] == "nei" and rows["test-valg-ett"]["shared"] == ""
    assert json.loads(rows["test-dilemma"]["answer"]) == {"text": "", "rubric": {"p1": True}}, "the ticks stay, the text goes"
    shared = handin.prepare("Ugle", share=True, exercises=EX)
    assert TYPED in shared.markdown and TYPED in shared.csv and "Teksten du skrev: delt med kursholderen" in shared.markdown


def test_hand_in_files_get_the_modes_the_guide_relies_on(progress_file: Path, home: Path, tmp_path: Path) -> None:
    shared = tmp_path / "innlevering"
    shared.mkdir()
    answer_some()
    old = os.umask(0o077)  # a strict umask must not keep the instructors' group out
    try:
        result = handin.deliver(handin.prepare("Ugle", exercises=EX), shared=shared)
    finally:
        os.umask(old)
    assert [stat.S_IMODE(p.stat().st_mode) for p in result.delivered] == [0o640, 0o640]
    assert not [p for p in shared.iterdir() if p.name.endswith(".tmp")]


def test_a_folder_that_cannot_be_written_gives_a_norwegian_message(
    progress_file: Path, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "innlevering"
    shared.mkdir()
    answer_some()
    real = os.open

    def refuse(path: Any, flags: int, mode: int = 0o777) -> int:
        if str(path).startswith(str(shared)):
            raise PermissionError(13, "Permission denied")
        return real(path, flags, mode)

    monkeypatch.setattr(handin.os, "open", refuse)
    result = handin.deliver(handin.prepare("Ugle", exercises=EX), shared=shared)
    assert result.delivered == [] and len(result.local) == 2
    assert "ikke skrivetilgang" in result.problem and "Permission" not in result.problem


def test_the_form_previews_asks_and_delivers(
    progress_file: Path, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, use_fixture_exercises: Any
) -> None:
    shared = tmp_path / "innlevering"
    shared.mkdir()
    monkeypatch.setenv(handin.ENV_VAR, str(shared))
    answer_some()
    from somekurs.oppgaver import lever

    shown = lever()
    form = shown.handin_form
    bundle = shown._repr_mimebundle_()
    assert bundle["text/plain"] == "Lever svarene" and "Kjør alle celler" in bundle["text/html"]
    assert TYPED not in bundle["text/html"], "the static twin (stored in notebooks and the book) holds no answers"
    form.nickname.value = "Ugle <b>"
    assert "Kallenavn: Ugle &lt;b&gt;" in form.preview.value and TYPED not in form.preview.value
    form.share.value = True
    assert TYPED in form.preview.value
    form.send_button.click()
    assert form.confirm.layout.display == "" and list(shared.iterdir()) == []  # nothing leaves before «Ja»
    form.no.click()
    assert "Ingenting er levert" in form.status.value and list(shared.iterdir()) == []
    form.send_button.click()
    form.yes.click()
    delivered = sorted(shared.iterdir())
    assert len(delivered) == 2 and "levert til kursholderen" in form.status.value
    assert next(p for p in delivered if p.suffix == ".md").read_text(encoding="utf-8") == form.preview.value
    assert progress.pseudonym() == "Ugle <b>", "the nickname is kept for next time"
    assert "<b>" not in form.status.value.replace("&lt;b&gt;", "")


def test_the_form_with_nothing_saved_cannot_hand_in(progress_file: Path, home: Path, use_fixture_exercises: Any) -> None:
    form = handin.show().handin_form
    assert form.send_button.disabled and "ikke lagret noen svar" in form.status.value


def test_the_form_never_shows_a_traceback(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch, use_fixture_exercises: Any
) -> None:
    (tmp_path / "mappe").mkdir()
    monkeypatch.setenv("SOMEKURS_PROGRESS", str(tmp_path / "mappe"))  # a folder, not a file: cannot be read
    shown = handin.show()
    text = shown.handin_form.status.value
    assert "fremdriften" in text.lower() and "Traceback" not in text and "Is a directory" not in text


@pytest.mark.skipif(
    sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("setpriv"),
    reason="needs root and setpriv to act as other users",
)
def test_the_guides_folder_setup_lets_participants_write_but_not_read_each_other(tmp_path: Path) -> None:
    """The exact set-up in book/instruktor/jupyterhub.md («Innlevering»), with three users: two
    participants and an instructor in the group «kursholdere»."""
    instructor, anne, bo, teachers = 23000, 23001, 23002, 23100
    base = Path(tempfile.mkdtemp(prefix="innlevering-test-", dir="/tmp"))
    os.chmod(base, 0o755)
    try:
        folder = base / "innlevering"
        folder.mkdir()
        os.chown(folder, 0, teachers)
        os.chmod(folder, 0o3753)  # chmod 3753: the guide's mode
        for uid in (anne, bo):
            home = base / f"hjem-{uid}"
            home.mkdir(mode=0o700)
            os.chown(home, uid, uid)

        def run(uid: int, groups: list[int], code: str) -> subprocess.CompletedProcess[str]:
            env = {
                "HOME": str(base / f"hjem-{uid}"),
                "SOMEKURS_PROGRESS": str(base / f"hjem-{uid}" / ".somekurs" / "fremdrift.json"),
                handin.ENV_VAR: str(folder),
                "PYTHONPATH": str(ROOT),
                "PATH": os.environ.get("PATH", ""),
            }
            command = ["setpriv", f"--reuid={uid}", f"--regid={uid}"]
            command += [f"--groups={','.join(map(str, groups))}"] if groups else ["--clear-groups"]
            return subprocess.run(
                [*command, sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, cwd=base
            )

        hand_in = (
            "from somekurs.exercises import progress; from somekurs import handin\n"
            "progress.save_answer('x', 'ja', correct=None, kind='choice')\n"
            "r = handin.hand_in('{name}'); print(r.problem); print(r.delivered[0].name if r.delivered else '')"
        )
        done = run(anne, [], hand_in.format(name="Anne"))
        assert done.returncode == 0 and done.stdout.splitlines()[0] == "", done.stdout + done.stderr
        anne_file = done.stdout.splitlines()[1]
        assert run(bo, [], hand_in.format(name="Bo")).returncode == 0
        peek = (
            "import os, sys\n"
            f"try: os.listdir({str(folder)!r}); print('listed')\nexcept PermissionError: print('no list')\n"
            f"try: open({str(folder / anne_file)!r}).read(); print('read')\nexcept PermissionError: print('no read')\n"
            f"try: os.unlink({str(folder / anne_file)!r}); print('deleted')\nexcept PermissionError: print('no delete')\n"
        )
        assert run(bo, [], peek).stdout.split() == ["no", "list", "no", "read", "no", "delete"]
        collected = run(
            instructor,
            [teachers],
            f"from somekurs import class_overview; h = class_overview.collect({str(folder)!r}, {{}}); print(h.files, len(h.problems))",
        )
        assert collected.stdout.split() == ["2", "0"], collected.stdout + collected.stderr
        for path in folder.iterdir():
            assert path.stat().st_gid == teachers and stat.S_IMODE(path.stat().st_mode) == 0o640
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_handed_in_at_is_now_and_utc() -> None:
    moment = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    assert handin.file_stem("x", moment.isoformat(), "abcdefgh") == "x-2026-12-02-abcdefgh"
