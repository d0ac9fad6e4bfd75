"""Hand in answers to the instructor: what ``lever()`` at the end of each workbook shows.

The participant sees, before anything leaves their folder, exactly what they hand in (the readable
page, and the table the class overview reads), chooses a nickname and a group if they want, and
ticks whether the texts they wrote may go along. Only when they confirm are the files written:

- always in their own folder (``~/kurssvar/``), with download links;
- on a hub, also in the hand-in folder the instructor collects from (the folder named by
  ``SOMEKURS_HANDIN_DIR``; book/instruktor/jupyterhub.md, «Innlevering», says how an administrator
  makes it so that participants can put files there but cannot read each other's).

Each file is named ``<kallenavn>-<dato>-<kode>``: the code is the participant's random code
(``progress.participant_token``), so two participants who chose the same nickname never share a file
name, and handing in again the same day replaces one's own earlier hand-in.

Everything a participant sees is Norwegian and escaped, in their written standard (``lang``; the
texts' section ``handin``); whatever goes wrong (no folder, no space, no permission) is a Norwegian
sentence that says what to do, never a traceback.
"""

from __future__ import annotations

import base64
import contextlib
import html
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from somekurs import editions, norwegian, texts
from somekurs.exercises import progress

ENV_VAR = "SOMEKURS_HANDIN_DIR"
LOCAL_FOLDER = "kurssvar"  # in the participant's home folder
NAME_MAX = 30  # characters of the nickname in a file name
LOCAL_MODE = 0o600  # the participant's own copy: theirs alone
SHARED_MODE = 0o640  # in the hand-in folder: the owner, and the instructors' group (see the guide)


def _say(key: str, lang: str, /, **values: Any) -> str:
    return texts.say("handin", key, lang, **values)


def handin_folder() -> Path | None:
    """The hub's hand-in folder ($SOMEKURS_HANDIN_DIR), or None on one's own machine."""
    value = os.environ.get(ENV_VAR, "").strip()
    return Path(value).expanduser() if value else None


def local_folder() -> Path:
    return Path.home() / LOCAL_FOLDER


_FOLD = {"æ": "ae", "ø": "o", "å": "aa", "ß": "ss"}


def slug(text: str) -> str:
    """A nickname as part of a file name: a–z, 0–9 and hyphens (æ → ae, ø → o, å → aa), at most 30 characters."""
    folded = "".join(_FOLD.get(c, c) for c in str(text).lower())
    ascii_only = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")[:NAME_MAX].strip("-")


def file_stem(nickname: str, handed_in_at: str, token: str) -> str:
    """``<kallenavn>-<dato>-<kode>``: the date in Norwegian time; «uten-kallenavn» when none was chosen."""
    try:
        day = datetime.fromisoformat(handed_in_at).astimezone(progress.oslo()).date().isoformat()
    except ValueError:
        day = datetime.now(UTC).date().isoformat()
    return f"{slug(nickname) or 'uten-kallenavn'}-{day}-{token}"


@dataclass(frozen=True)
class Package:
    """One hand-in, built once from one snapshot of the saved answers: what is shown is what is handed in."""

    stem: str
    csv: str
    markdown: str
    nickname: str
    group: str
    share: bool
    answers: int
    typed: int  # answers that hold text the participant wrote
    handed_in_at: str


def prepare(
    nickname: str | None = None,
    group: str | None = None,
    share: bool = False,
    exercises: dict[str, dict[str, Any]] | None = None,
    now: datetime | None = None,
    lang: str = "nb",
) -> Package:
    """Build the hand-in from the answers saved now. ``nickname``/``group`` None: the ones saved before.
    ``lang``: the standard of the readable page (the table's columns are data keys, the same in both).

    Nothing is written but the participant's random code (made the first time). Raises ProgressError
    (Norwegian) if the saved answers cannot be read.
    """
    if exercises is None:
        from somekurs.exercises.model import load_exercises

        exercises = load_exercises(lang=lang)[0]
    token = progress.participant_token()
    state = progress.snapshot()
    state["participant"] = token
    if nickname is not None:
        state["pseudonym"] = progress.clean_label(nickname, progress.PSEUDONYM_MAX)
    if group is not None:
        state["group"] = progress.clean_label(group, progress.GROUP_MAX)
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0).isoformat()
    answers = state.get("answers") or {}
    typed = 0
    for exercise_id, entry in answers.items():
        exercise = exercises.get(exercise_id) if isinstance(exercise_id, str) else None
        kind = str(exercise.get("kind")) if exercise else str(entry.get("kind", ""))
        typed += bool(progress.free_text(kind, entry.get("answer")))
    return Package(
        stem=file_stem(str(state.get("pseudonym", "")), moment, token),
        csv=progress.csv_from_state(state, share_free_text=share, handed_in_at=moment, exercises=exercises),
        markdown=progress.markdown_from_state(state, exercises, share_free_text=share, handed_in_at=moment, lang=lang),
        nickname=str(state.get("pseudonym", "")),
        group=str(state.get("group", "")),
        share=share,
        answers=len(answers),
        typed=typed,
        handed_in_at=moment,
    )


@dataclass
class Result:
    """Where the files went, and what went wrong (a Norwegian sentence; empty when all went well)."""

    local: list[Path] = field(default_factory=list)
    delivered: list[Path] = field(default_factory=list)
    problem: str = ""


def _write_file(folder: Path, name: str, data: bytes, mode: int) -> Path:
    """Write atomically (a temporary file, then rename): the instructor never reads half a file, and a
    hand-in again the same day replaces one's own earlier file."""
    target = folder / name
    tmp = folder / f".{name}.{progress.new_token()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)  # the umask must not widen or narrow it
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target


def _files(package: Package) -> list[tuple[str, bytes]]:
    return [
        (f"{package.stem}.md", package.markdown.encode("utf-8")),
        (f"{package.stem}.csv", ("\ufeff" + package.csv).encode("utf-8")),  # BOM: Excel reads æ, ø, å right
    ]


def deliver(package: Package, local: Path | None = None, shared: Path | None = None, lang: str = "nb") -> Result:
    """Write the hand-in: in the participant's own folder, and in the hand-in folder if there is one.

    ``shared`` defaults to $SOMEKURS_HANDIN_DIR. Never raises on a file problem: the result says what
    happened, in Norwegian (the standard ``lang``).
    """
    result = Result()
    local = local or local_folder()
    shared = shared if shared is not None else handin_folder()
    try:
        local.mkdir(parents=True, exist_ok=True, mode=0o700)
        for name, data in _files(package):
            result.local.append(_write_file(local, name, data, LOCAL_MODE))
    except OSError as exc:
        result.problem = _say("local_failed", lang, folder=local, reason=progress.reason(exc)) + " "
        if shared is None:
            result.problem += _say("download_instead", lang)
            return result
    if shared is None:
        return result
    if not shared.is_dir():
        result.problem += _say("no_shared_folder", lang, folder=shared)
        return result
    try:
        for name, data in _files(package):
            result.delivered.append(_write_file(shared, name, data, SHARED_MODE))
    except OSError as exc:
        result.delivered.clear()
        result.problem += _say("shared_failed", lang, folder=shared, reason=progress.reason(exc))
    return result


def hand_in(nickname: str | None = None, group: str | None = None, share: bool = False, lang: str = "nb") -> Result:
    """Prepare and deliver in one call (for tests and scripts; participants use :func:`show`)."""
    package = prepare(nickname, group, share, lang=lang)
    remember(package)
    return deliver(package, lang=lang)


def remember(package: Package) -> None:
    """Keep the nickname and group the participant handed in with, for next time."""
    progress.set_pseudonym(package.nickname)
    progress.set_group(package.group)


# --- the form ------------------------------------------------------------------------------------
def _link(name: str, mime: str, data: bytes, label: str) -> str:
    encoded = base64.b64encode(data).decode("ascii")
    return f'<a download="{html.escape(name)}" href="data:{mime};base64,{encoded}">{html.escape(label)}</a>'


def _paragraphs(*lines: str, role: str = "") -> str:
    attribute = f' role="{role}"' if role else ""
    return "".join(f"<p{attribute}>{html.escape(t)}</p>" for t in lines if t)


class HandinForm:
    """The hand-in form: nickname, group, «share my texts», what is handed in, and «Lever svarene»."""

    def __init__(self, exercises: dict[str, dict[str, Any]] | None = None, lang: str = "nb") -> None:
        import ipywidgets as w

        self.w = w
        self.lang = lang
        self.exercises = exercises
        self.package: Package | None = None
        shared = handin_folder()
        where = self.say("where_hub") if shared is not None else self.say("where_local")
        try:
            name, team = progress.pseudonym(), progress.group()
        except progress.ProgressError:
            name, team = "", ""
        wide = w.Layout(width="100%")
        button = w.Layout(width="auto", min_height="44px")
        self.intro = w.HTML(
            f"<p><strong>{html.escape(self.say('heading'))}</strong></p>"
            + _paragraphs(self.say("voluntary"), where, self.say("again")),
            layout=wide,
        )
        self.nickname = w.Text(
            value=name, description=self.say("nickname"), placeholder=self.say("nickname_example"), layout=wide
        )
        self.group = w.Text(value=team, description=self.say("group"), placeholder=self.say("group_example"), layout=wide)
        self.names_help = w.HTML(_paragraphs(self.say("names_help")), layout=wide)
        self.share = w.Checkbox(value=False, description=self.say("share"), indent=False, layout=wide)
        self.share_help = w.HTML(layout=wide)
        self.preview_title = w.HTML(f"<p><strong>{html.escape(self.say('preview'))}</strong></p>", layout=wide)
        self.preview = w.Textarea(value="", disabled=True, layout=w.Layout(width="100%", height="18em"))
        self.table = w.Textarea(value="", disabled=True, layout=w.Layout(width="100%", height="10em"))
        self.table_box = w.Accordion(children=[self.table])
        self.table_box.set_title(0, self.say("show_table"))
        self.table_box.selected_index = None
        self.refresh_button = w.Button(description=self.say("refresh"), layout=button)
        self.send_button = w.Button(description=self.say("send"), button_style="primary", layout=button)
        yes = w.Button(description=self.say("deliver"), button_style="success", layout=button)
        no = w.Button(description=self.say("cancel"), layout=button)
        self.yes, self.no = yes, no
        self.confirm = w.VBox(
            [w.HTML(_paragraphs(self.say("confirm"))), w.HBox([yes, no])],
            layout=w.Layout(display="none", border="2px dashed", padding="0.3em 0.6em"),
        )
        self.status = w.HTML(layout=wide)
        for field_ in (self.nickname, self.group, self.share):
            field_.observe(lambda _change: self._safely(self.refresh), names="value")
        self.refresh_button.on_click(lambda _b: self._safely(self.refresh))
        self.send_button.on_click(lambda _b: self._safely(self.ask))
        yes.on_click(lambda _b: self._safely(self.send))
        no.on_click(lambda _b: self._safely(self.cancel))
        self.box = w.VBox(
            [
                self.intro,
                self.nickname,
                self.group,
                self.names_help,
                self.share,
                self.share_help,
                self.preview_title,
                self.preview,
                self.table_box,
                w.HBox([self.send_button, self.refresh_button], layout=w.Layout(flex_flow="row wrap")),
                self.confirm,
                self.status,
            ],
            layout=w.Layout(border="1px solid", padding="0.5em 1em", margin="0.5em 0"),
        )
        self._safely(self.refresh)

    def say(self, key: str, /, **values: Any) -> str:
        """One of the form's strings in its standard."""
        return _say(key, self.lang, **values)

    def _say(self, *lines: str, links: str = "") -> None:
        self.status.value = _paragraphs(*lines, role="alert") + (f"<p>{links}</p>" if links else "")

    def _safely(self, action: Any) -> None:
        try:
            action()
        except progress.ProgressError as exc:
            self._say(str(exc))
        except Exception as exc:  # noqa: BLE001 - a participant never sees a traceback
            self._say(self.say("crashed", error=type(exc).__name__))

    def refresh(self) -> None:
        """Build the hand-in again from what is saved now and what the form says, and show it."""
        self.confirm.layout.display = "none"
        self.package = prepare(self.nickname.value, self.group.value, bool(self.share.value), self.exercises, lang=self.lang)
        self.preview.value = self.package.markdown
        self.table.value = self.package.csv
        typed = self.package.typed
        if typed:
            self.share.disabled = False
            shared = self.say("typed_shared") if self.package.share else self.say("typed_not_shared")
            count = self.say("typed_one" if typed == 1 else "typed_many", n=typed)
            self.share_help.value = _paragraphs(f"{count} {shared} {self.say('typed_care')}")
        else:
            self.share.disabled = True
            self.share_help.value = _paragraphs(self.say("typed_none"))
        self.send_button.disabled = self.package.answers == 0
        if self.package.answers == 0:
            self._say(self.say("no_answers"))

    def ask(self) -> None:
        """«Lever svarene»: build it once more (with the time now), show it, and ask."""
        self.refresh()
        if self.package is None or self.package.answers == 0:
            return
        self.status.value = ""
        self.confirm.layout.display = ""

    def cancel(self) -> None:
        self.confirm.layout.display = "none"
        self._say(self.say("nothing_sent"))

    def send(self) -> Result | None:
        """«Ja, lever dette»: deliver exactly the package shown."""
        self.confirm.layout.display = "none"
        package = self.package
        if package is None:
            return None
        remember(package)
        result = deliver(package, lang=self.lang)
        links = " ".join(
            [
                _link(
                    f"{package.stem}.md",
                    "text/markdown;charset=utf-8",
                    package.markdown.encode("utf-8"),
                    texts.say("display", "download_md", self.lang),
                ),
                _link(
                    f"{package.stem}.csv",
                    "text/csv;charset=utf-8",
                    ("\ufeff" + package.csv).encode("utf-8"),
                    texts.say("display", "download_csv", self.lang),
                ),
            ]
        )
        said = []
        if result.delivered:
            said.append(self.say("delivered", n=len(result.delivered), name=result.delivered[0].stem))
        if result.local:
            names = norwegian.join([p.name for p in result.local])  # «a og b» in both standards
            said.append(self.say("copy", folder=result.local[0].parent, files=names))
        if not result.delivered and handin_folder() is None and result.local:
            said.append(self.say("send_yourself"))
        self._say(*said, result.problem, links=links)
        return result


def show(lang: str | None = None) -> Any:
    """The hand-in form (``lever()``), in the written standard ``lang`` (None: the participant's own)."""
    from somekurs.exercises import html as views
    from somekurs.exercises.display import ExerciseDisplay

    lang = (editions.normalise(lang) if lang is not None else None) or editions.current()
    not_here = views.message_html(_say("not_here", lang), lang)
    try:
        form = HandinForm(lang=lang)
        shown = ExerciseDisplay([form.box], not_here, _say("send", lang))
        shown.handin_form = form  # lets tests and instructors reach the form
        return shown
    except Exception as exc:  # noqa: BLE001 - a participant never sees a traceback
        import ipywidgets as w

        text = _say("form_crashed", lang, error=type(exc).__name__)
        return ExerciseDisplay([w.HTML(_paragraphs(text))], not_here, text)
