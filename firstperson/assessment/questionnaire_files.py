"""Reading and writing questionnaire files (YAML or JSON) for import and export.

JSON is read with the YAML reader too (JSON is YAML), so that both kinds of file get line numbers:
each problem the checker finds (rules/questionnaire.py) is reported with the line it is on.

The reader is stricter than plain YAML, so that what is imported is what the administrator wrote:
- no anchors or aliases (& and *): a file of a few lines could otherwise point at itself (a crash)
  or grow to gigabytes once read (the "billion laughs");
- no field given twice in one place: YAML would quietly keep only the last;
- a code is kept exactly as written: YAML would read `code: 0012` as the number 10, and the code
  must match the one written in a RAS configuration or a calibration file;
- no more than MAX_DEPTH levels of lists and fields, one inside another: far deeper nesting would
  crash the reader (it reads each level inside the one before).
"""

import json
from dataclasses import dataclass
from typing import Any

import yaml

from .rules.questionnaire import Path, Problem

MAX_FILE_BYTES = 1_000_000
TOO_BIG = f"The file is too big: a questionnaire file must be smaller than {MAX_FILE_BYTES // 1_000_000} MB"
#: A questionnaire file is 8 levels deep (file, sections, section, questions, question, options,
#: option, field), so 20 leaves room for mistakes that the checker can then name.
MAX_DEPTH = 20


class QuestionnaireFileError(ValueError):
    """The file could not be read at all (not YAML or JSON, too big, not text)."""


@dataclass(frozen=True)
class QuestionnaireFile:
    data: Any
    lines: dict[Path, int]

    def line_of(self, path: Path) -> int | None:
        """The line of the value at `path`, or of the nearest enclosing value that has one."""
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]

    def describe(self, problem: Problem) -> str:
        line = self.line_of(problem.path)
        return f"Line {line}: {problem.message}" if line else problem.message


class _StrictLoader(yaml.SafeLoader):
    """The safe YAML loader, refusing anchors, aliases and repeated fields, and keeping codes as written."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise QuestionnaireFileError(
                f"Line {line}: write each value out in full. The file cannot use & or * shortcuts."
            )
        if self.depth >= MAX_DEPTH:
            raise QuestionnaireFileError(
                f"Line {line}: the file has too many levels, one inside another. "
                f"A questionnaire file needs no more than {MAX_DEPTH} levels."
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        self.flatten_mapping(node)
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                repeated = key in seen
            except TypeError:  # a key that is a list or a mapping: the constructor names it below
                continue
            if repeated:
                raise QuestionnaireFileError(
                    f"Line {key_node.start_mark.line + 1}: '{key}' is given twice. "
                    "Keep the one you mean and delete the other."
                )
            seen.add(key)
            if key == "code" and _is_plain_non_null(value_node):
                # Read as typed: 0012 stays '0012' (not the number 10), 1.50 stays '1.50', yes stays 'yes'.
                value_node.tag = _STR_TAG
        return super().construct_mapping(node, deep=deep)


_STR_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"


def _is_plain_non_null(node: yaml.Node) -> bool:
    """A scalar written without quotes, that is not empty (an empty code is a missing one)."""
    return isinstance(node, yaml.ScalarNode) and node.style is None and node.tag != _NULL_TAG


def _load(content: str) -> tuple[yaml.Node | None, Any]:
    loader = _StrictLoader(content)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def _walk(node: yaml.Node, path: Path, lines: dict[Path, int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            lines[path + (key,)] = key_node.start_mark.line + 1
            _walk(value_node, path + (key,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), lines)


def questionnaire_file_read(content: bytes | str) -> QuestionnaireFile:
    if isinstance(content, bytes):
        if len(content) > MAX_FILE_BYTES:
            raise QuestionnaireFileError(TOO_BIG)
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise QuestionnaireFileError(
                "The file is not a text file: save it as YAML or JSON, in UTF-8, and try again"
            ) from error
    if not content.strip():
        raise QuestionnaireFileError("The file is empty")
    try:
        node, data = _load(content)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"Line {mark.line + 1}: " if mark is not None else ""
        reason = getattr(error, "problem", None) or "it is not written correctly"
        raise QuestionnaireFileError(f"{where}the file is not valid YAML or JSON ({reason})") from error
    lines: dict[Path, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return QuestionnaireFile(data=data, lines=lines)


def questionnaire_file_write(data: dict[str, Any], *, file_format: str = "yaml") -> str:
    if file_format == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if file_format != "yaml":
        raise ValueError(f"Unknown format {file_format!r}: use yaml or json")
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)
