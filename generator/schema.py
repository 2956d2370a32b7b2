"""The JSON Schema of the frontmatter, for editors' tools (VS Code's YAML extension and others).

Derived from the key declarations of ``generator.frontmatter`` (``DOCUMENT_KEYS``, ``PAGE_KEYS``),
which the reader behind `portal check` also reads: a key added there is completed and checked
here too. A tool parses YAML 1.2, where `number: 05` or `title: 2025` are numbers and dates are
text, so a text key takes any scalar, as the reader does. The schema cannot see what needs the
whole file or the whole site (a key written twice, numbers, dates of cited documents): `portal
check` stays the authority, the schema is the early warning while typing.
"""

from __future__ import annotations

import json
import re
from typing import Any

from generator.frontmatter import (
    DATE_FORM,
    DOCUMENT_KEYS,
    DOCUMENT_REQUIRED,
    MOMENT_FORM,
    PAGE_KEYS,
    PAGE_REQUIRED,
    PETITION_KEYS,
    PUBLISHED_REQUIRED,
    Key,
    Kind,
)

DRAFT = "http://json-schema.org/draft-07/schema#"  # the draft editors' tools support best

_SCALAR = ["string", "number", "boolean"]


def _ecma(pattern: re.Pattern[str]) -> str:
    """The reader's own regular expression, anchored and without Python's named groups."""
    return "^" + re.sub(r"\(\?P<\w+>", "(", pattern.pattern) + "$"


def _value(key: Key) -> dict[str, Any]:
    kind = key.kind
    if kind is Kind.TEXT:
        return {"type": _SCALAR}
    if kind is Kind.DATE:
        return {"type": "string", "pattern": _ecma(DATE_FORM), "format": "date"}
    if kind is Kind.MOMENT:
        return {"type": "string", "pattern": _ecma(MOMENT_FORM)}
    if kind is Kind.INTEGER:
        return {"type": ["integer", "string"], "pattern": r"^-?\d+$"}
    if kind is Kind.CHOICE:
        return {"enum": list(key.choices)}
    if kind in (Kind.NUMBERS, Kind.TEXTS):
        return {"type": "array", "items": {"type": [*_SCALAR, "null"]}}
    if kind is Kind.MAPPING:
        return _object(key.keys, ())
    if kind is Kind.REFERENCE:
        return {"type": _SCALAR}
    if kind is Kind.CORRECTIONS:
        return {"type": "array", "items": _object(key.keys, ("date", "note"))}
    item = _object(key.keys, ("file",))
    return {"type": "array", "items": {"anyOf": [{"type": ["string", "null"]}, item]}}


def _property(key: Key, required: bool) -> dict[str, Any]:
    # An empty value (`summary:`) is read as absent, as YAML's null: fine unless required.
    schema = _present(key) if required else _nullable(_value(key))
    return {"description": key.help, **schema}


def _present(key: Key) -> dict[str, Any]:
    """A required value: not null, and a text not empty either (`title: ""` is M005)."""
    schema = _value(key)
    return {**schema, "minLength": 1} if key.kind is Kind.TEXT else schema


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    return {**schema, "type": [*kinds, "null"]}


def _object(keys: dict[str, Key], required: tuple[str, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {name: _property(key, name in required) for name, key in keys.items()},
        "required": list(required),
        "additionalProperties": False,
    }


def frontmatter_schema() -> dict[str, Any]:
    """The schema of one file's frontmatter: a document, or a plain page (`type: page`)."""
    document = _object(DOCUMENT_KEYS, DOCUMENT_REQUIRED)
    published = {"properties": {"status": {"const": "published"}}, "required": ["status"]}
    document["if"] = published
    document["then"] = {
        "required": list(PUBLISHED_REQUIRED),
        "properties": {name: _present(DOCUMENT_KEYS[name]) for name in PUBLISHED_REQUIRED},
    }
    page = _object(PAGE_KEYS, PAGE_REQUIRED)
    page["required"] = ["type", *PAGE_REQUIRED]
    # A petition has its own keys and, published or not, no number or date of issue.
    petition = _object({**DOCUMENT_KEYS, **PETITION_KEYS}, DOCUMENT_REQUIRED)
    return {
        "$schema": DRAFT,
        "title": "Phần thông tin (frontmatter) của văn bản trên Cổng thông tin điện tử "
        "Văn phòng UBND tỉnh Sơn La",
        "description": "Kiểm tra khi gõ; `portal check` vẫn là bước kiểm tra đầy đủ (số ký "
        "hiệu, dẫn chiếu, ngày của văn bản được dẫn chiếu...).",
        "definitions": {"document": document, "page": page, "petition": petition},
        "if": {"properties": {"type": {"const": "page"}}, "required": ["type"]},
        "then": {"$ref": "#/definitions/page"},
        "else": {
            "if": {"properties": {"type": {"const": "petition"}}, "required": ["type"]},
            "then": {"$ref": "#/definitions/petition"},
            "else": {"$ref": "#/definitions/document"},
        },
    }


def schema_text() -> str:
    """As `portal schema` prints it and the site ships it: stable bytes for the same code."""
    return json.dumps(frontmatter_schema(), ensure_ascii=False, indent=2) + "\n"
