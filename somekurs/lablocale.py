"""JupyterLab's menus follow the participant's written standard.

When a participant chooses bokmål or nynorsk (the start page's «Bokmål | Nynorsk», or
``maalform("nn")`` in a workbook), the course's own texts follow at once. JupyterLab's menus
come from its language pack (``deploy/jupyterlab-nb`` and ``deploy/jupyterlab-nn``), chosen in
*Settings → Language*, which JupyterLab keeps in the participant's user settings. So the choice
is written there too, and the next load of JupyterLab shows «Køyr → Køyr alle celler» to a
participant who chose nynorsk, as the nynorsk messages say.

Only the ``locale`` of the translation plugin is changed; everything else the participant has set
in that file is kept. A file that cannot be read as JSON (JupyterLab allows comments there) is
left alone: the participant's own setting wins, and the course's texts still follow the choice.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from somekurs import editions

# The locale of each standard's language pack (the packages jupyterlab_language_pack_<locale>).
LOCALES = {"nb": "nb_NO", "nn": "nn_NO"}
PLUGIN = Path("@jupyterlab") / "translation-extension" / "plugin.jupyterlab-settings"


def settings_dir() -> Path:
    """JupyterLab's user settings folder, found as JupyterLab finds it ($JUPYTERLAB_SETTINGS_DIR,
    else the Jupyter config folder's lab/user-settings)."""
    configured = os.environ.get("JUPYTERLAB_SETTINGS_DIR")
    if configured:
        return Path(configured)
    from jupyter_core.paths import jupyter_config_dir

    return Path(jupyter_config_dir()) / "lab" / "user-settings"


def settings_file() -> Path:
    """The file in which JupyterLab keeps the participant's interface language."""
    return settings_dir() / PLUGIN


def follow(lang: str) -> bool:
    """Set JupyterLab's interface language to the pack of this standard; True when the file now says
    so, False when the participant's own file could not be read (it is then left as it was)."""
    locale = LOCALES[editions.checked(lang)]
    path = settings_file()
    settings: dict[str, object] = {}
    if path.exists():
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return False
        if not isinstance(loaded, dict):
            return False
        settings = loaded
    if settings.get("locale") == locale:
        return True
    settings["locale"] = locale
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(json.dumps(settings, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        temporary.replace(path)
    except OSError:
        return False
    return True
