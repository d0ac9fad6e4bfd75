"""Read the course's YAML data files safely: one reader for every loader.

Authors write the data, several at once, and a data file must never stop the book or a
participant's kernel. So the reader refuses, with a Norwegian message, what a course file
never needs and an accident or an attack can bring:

- duplicate keys in one mapping (YAML keeps the last silently: an ``id:`` written twice
  would quietly rename an exercise);
- anchors and aliases (``&a`` / ``*a``): none of our files uses them, and they are how a
  small file expands to gigabytes («billion laughs») or refers to itself;
- files larger than :data:`MAX_BYTES` and nesting deeper than :data:`MAX_DEPTH`.

libyaml's parser is used when it is there (several times faster: every kernel loads the data).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 2_000_000  # the largest data file today is about 60 kB
MAX_DEPTH = 40  # the deepest data today is about 8 levels

_BASE: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlProblem(ValueError):
    """The file cannot be used; the message is Norwegian and says what to change."""


class _Loader(_BASE):
    """The safe loader, with duplicate keys refused."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, Any] = {}
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                continue  # the base class reports unhashable keys itself
            if key in seen:
                line = key_node.start_mark.line + 1
                raise YamlProblem(f"nøkkelen «{key}» står to ganger i samme oppføring (linje {seen[key]} og {line})")
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def _check_shape(value: Any) -> None:
    """No object twice (an alias) and no deeper nesting than MAX_DEPTH; iterative, linear."""
    seen: set[int] = set()
    todo: list[tuple[Any, int]] = [(value, 0)]
    while todo:
        item, depth = todo.pop()
        if not isinstance(item, (dict, list)):
            continue
        if depth > MAX_DEPTH:
            raise YamlProblem(f"dataene er nøstet dypere enn {MAX_DEPTH} nivåer")
        if id(item) in seen:
            raise YamlProblem("fila bruker YAML-ankere eller -aliaser (& og *); skriv verdien ut i stedet")
        seen.add(id(item))
        children = item.values() if isinstance(item, dict) else item
        todo.extend((child, depth + 1) for child in children)


def parse(text: str) -> Any:
    """Parse YAML text with the course's rules; raises YamlProblem or yaml.YAMLError."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise YamlProblem(f"fila er større enn {MAX_BYTES // 1_000_000} MB; del den opp")
    value = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    _check_shape(value)
    return value


def read(path: Path) -> tuple[Any, str | None]:
    """(value, None) for a good file; (None, a Norwegian reason) for one that cannot be used."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return None, f"fila er større enn {MAX_BYTES // 1_000_000} MB; del den opp"
        return parse(path.read_text(encoding="utf-8")), None
    except YamlProblem as exc:
        return None, str(exc)
    except yaml.YAMLError as exc:
        return None, f"kan ikke leses som YAML: {exc}"
    except UnicodeDecodeError:
        return None, "fila er ikke lagret som UTF-8"
    except RecursionError:
        return None, "dataene er nøstet for dypt"
    except OSError as exc:
        return None, f"kunne ikke åpnes ({exc.strerror})"
