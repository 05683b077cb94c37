"""A strict validator of JSON values against the LSP 3.17 meta model.

lsprotocol (through cattrs) reads messages leniently: it ignores fields it does not know, accepts
`null` for optional fields and floats for integers. This validator is the strict cross-check the
suite needs: every field of every structure must be declared by the meta model
(`lsp-3.17-metaModel.json`, the machine-readable specification), required fields must be present,
`null` only where the type admits it, integers within their 32-bit range, enumeration values
from their set unless the enumeration admits custom values, and string literals exact.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

INTEGER_MIN, INTEGER_MAX = -(2**31), 2**31 - 1
UINTEGER_MAX = 2**31 - 1
URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Problem:
    """One place where a value does not fit its type: a JSON path and what is wrong there."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class MetaModel:
    """The LSP meta model, indexed by name and method, with `validate` for values."""

    def __init__(self, model: dict[str, Any]):
        self.version = model["metaData"]["version"]
        self.structures = {s["name"]: s for s in model["structures"]}
        self.enumerations = {e["name"]: e for e in model["enumerations"]}
        self.aliases = {a["name"]: a for a in model["typeAliases"]}
        self.requests = {r["method"]: r for r in model["requests"]}
        self.notifications = {n["method"]: n for n in model["notifications"]}
        self._properties: dict[str, dict[str, dict[str, Any]]] = {}

    @classmethod
    def load(cls, path: Path) -> MetaModel:
        """Reads a meta model file (`lsp-3.17-metaModel.json`)."""
        with path.open(encoding="utf-8") as file:
            return cls(json.load(file))

    # Types of messages

    def request_result(self, method: str) -> dict[str, Any] | None:
        """The result type of a request, or None when the method is not in the model."""
        request = self.requests.get(method)
        if request is None:
            return None
        return request.get("result", {"kind": "base", "name": "null"})

    def request_params(self, method: str) -> dict[str, Any] | None:
        """The params type of a request; `{"kind": "base", "name": "null"}` when it takes none."""
        request = self.requests.get(method)
        if request is None:
            return None
        return request.get("params", {"kind": "base", "name": "null"})

    def notification_params(self, method: str) -> dict[str, Any] | None:
        """The params type of a notification; None when the method is not in the model."""
        notification = self.notifications.get(method)
        if notification is None:
            return None
        return notification.get("params", {"kind": "base", "name": "null"})

    def registration_options(self, method: str) -> dict[str, Any] | None:
        """The registration options type of a request or notification, if it has one."""
        message = self.requests.get(method) or self.notifications.get(method)
        return None if message is None else message.get("registrationOptions")

    def direction(self, method: str) -> str | None:
        """`clientToServer`, `serverToClient` or `both`; None for a method the model does not know."""
        message = self.requests.get(method) or self.notifications.get(method)
        return None if message is None else message["messageDirection"]

    # Validation

    def validate(self, type_: dict[str, Any], value: Any, path: str = "$") -> list[Problem]:
        """Every problem of `value` against `type_` (empty when it fits)."""
        kind = type_["kind"]
        if kind == "base":
            return self._base(type_["name"], value, path)
        if kind == "reference":
            return self._reference(type_["name"], value, path)
        if kind == "array":
            if not isinstance(value, list):
                return [Problem(path, f"expected an array, got {describe(value)}")]
            problems: list[Problem] = []
            for index, element in enumerate(value):
                problems += self.validate(type_["element"], element, f"{path}[{index}]")
            return problems
        if kind == "map":
            return self._map(type_, value, path)
        if kind == "or":
            return self._or(type_["items"], value, path)
        if kind == "and":
            return self._and(type_["items"], value, path)
        if kind == "tuple":
            if not isinstance(value, list) or len(value) != len(type_["items"]):
                return [Problem(path, f"expected a tuple of {len(type_['items'])}, got {describe(value)}")]
            problems = []
            for index, (item, element) in enumerate(zip(type_["items"], value)):
                problems += self.validate(item, element, f"{path}[{index}]")
            return problems
        if kind == "literal":
            return self._object(literal_properties(type_), value, path, "an object literal")
        if kind == "stringLiteral":
            if value != type_["value"]:
                return [Problem(path, f"expected the string {type_['value']!r}, got {describe(value)}")]
            return []
        if kind in ("integerLiteral", "booleanLiteral"):
            if value != type_["value"] or isinstance(value, bool) != (kind == "booleanLiteral"):
                return [Problem(path, f"expected {type_['value']!r}, got {describe(value)}")]
            return []
        raise ValueError(f"unknown meta model type kind {kind!r}")

    def _base(self, name: str, value: Any, path: str) -> list[Problem]:
        if name == "null":
            return [] if value is None else [Problem(path, f"expected null, got {describe(value)}")]
        if name == "boolean":
            return [] if isinstance(value, bool) else [Problem(path, f"expected a boolean, got {describe(value)}")]
        if name in ("string", "RegExp"):
            return [] if isinstance(value, str) else [Problem(path, f"expected a string, got {describe(value)}")]
        if name in ("URI", "DocumentUri"):
            if not isinstance(value, str):
                return [Problem(path, f"expected a URI string, got {describe(value)}")]
            if not URI_SCHEME.match(value):
                return [Problem(path, f"{value!r} is not a URI (no scheme)")]
            return []
        if name == "integer":
            if not is_integer(value) or not INTEGER_MIN <= value <= INTEGER_MAX:
                return [Problem(path, f"expected a 32-bit integer, got {describe(value)}")]
            return []
        if name == "uinteger":
            if not is_integer(value) or not 0 <= value <= UINTEGER_MAX:
                return [Problem(path, f"expected an unsigned 31-bit integer, got {describe(value)}")]
            return []
        if name == "decimal":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return [Problem(path, f"expected a number, got {describe(value)}")]
            return []
        raise ValueError(f"unknown meta model base type {name!r}")

    def _reference(self, name: str, value: Any, path: str) -> list[Problem]:
        if name == "LSPAny":
            return [] if is_json(value) else [Problem(path, f"not a JSON value: {describe(value)}")]
        if name == "LSPObject":
            return [] if isinstance(value, dict) else [Problem(path, f"expected an object, got {describe(value)}")]
        if name == "LSPArray":
            return [] if isinstance(value, list) else [Problem(path, f"expected an array, got {describe(value)}")]
        if name in self.structures:
            return self._object(self.properties(name), value, path, name)
        if name in self.enumerations:
            return self._enumeration(self.enumerations[name], value, path)
        if name in self.aliases:
            return self.validate(self.aliases[name]["type"], value, path)
        raise ValueError(f"the meta model has no type {name!r}")

    def properties(self, structure: str) -> dict[str, dict[str, Any]]:
        """A structure's properties by name, those of `extends` and `mixins` included."""
        if structure not in self._properties:
            definition = self.structures[structure]
            merged: dict[str, dict[str, Any]] = {}
            for parent in definition.get("extends", []) + definition.get("mixins", []):
                merged.update(self.properties(parent["name"]))
            for prop in definition["properties"]:
                merged[prop["name"]] = prop
            self._properties[structure] = merged
        return self._properties[structure]

    def _object(self, properties: dict[str, dict[str, Any]], value: Any, path: str, what: str) -> list[Problem]:
        if not isinstance(value, dict):
            return [Problem(path, f"expected {what}, got {describe(value)}")]
        problems: list[Problem] = []
        for key in value:
            if key not in properties:
                problems.append(Problem(f"{path}.{key}", f"{what} has no field {key!r}"))
        for name, prop in properties.items():
            if name not in value:
                if not prop.get("optional", False):
                    problems.append(Problem(f"{path}.{name}", f"required field of {what} is missing"))
                continue
            field = value[name]
            if field is None and prop.get("optional", False) and not admits_null(prop["type"], self):
                problems.append(Problem(f"{path}.{name}", "null is not a value of this optional field: leave it out"))
                continue
            problems += self.validate(prop["type"], field, f"{path}.{name}")
        return problems

    def _enumeration(self, enumeration: dict[str, Any], value: Any, path: str) -> list[Problem]:
        base = enumeration["type"]["name"]
        problems = self._base(base, value, path)
        if problems:
            return problems
        allowed = {v["value"] for v in enumeration["values"]}
        if value not in allowed and not enumeration.get("supportsCustomValues", False):
            return [Problem(path, f"{value!r} is not a {enumeration['name']} ({sorted(allowed, key=str)})")]
        return []

    def _map(self, type_: dict[str, Any], value: Any, path: str) -> list[Problem]:
        if not isinstance(value, dict):
            return [Problem(path, f"expected a map, got {describe(value)}")]
        problems: list[Problem] = []
        key_type = type_["key"]
        for key, element in value.items():
            if key_type["kind"] == "base" and key_type["name"] in ("URI", "DocumentUri"):
                problems += self._base(key_type["name"], key, f"{path}[{key!r}] (key)")
            problems += self.validate(type_["value"], element, f"{path}[{key!r}]")
        return problems

    def _or(self, items: list[dict[str, Any]], value: Any, path: str) -> list[Problem]:
        # Alternatives of the value's own JSON shape are the ones worth reporting on: for a list
        # sent where `DocumentLink[] | null` is expected, the list's problems, not "expected null".
        candidates = [item for item in items if json_shape(value) in self.shapes(item)] or items
        best: list[Problem] | None = None
        for item in candidates:
            problems = self.validate(item, value, path)
            if not problems:
                return []
            if best is None or len(problems) < len(best):
                best = problems
        assert best is not None
        if len(candidates) == 1:
            return best
        names = " | ".join(type_name(item) for item in items)
        return [Problem(path, f"fits none of {names}; nearest: " + "; ".join(str(p) for p in best[:3]))]

    def shapes(self, type_: dict[str, Any]) -> set[str]:
        """The JSON shapes (`null`, `bool`, `int`, `float`, `str`, `list`, `dict`) values of `type_` can have."""
        kind = type_["kind"]
        if kind == "base":
            return BASE_SHAPES[type_["name"]]
        if kind == "reference":
            name = type_["name"]
            if name == "LSPAny":
                return set(ALL_SHAPES)
            if name in self.structures or name == "LSPObject":
                return {"dict"}
            if name == "LSPArray":
                return {"list"}
            if name in self.enumerations:
                return BASE_SHAPES[self.enumerations[name]["type"]["name"]]
            return self.shapes(self.aliases[name]["type"])
        if kind in ("array", "tuple"):
            return {"list"}
        if kind in ("map", "literal", "and"):
            return {"dict"}
        if kind == "or":
            return set().union(*(self.shapes(item) for item in type_["items"]))
        if kind == "stringLiteral":
            return {"str"}
        if kind == "integerLiteral":
            return {"int"}
        return {"bool"}

    def _and(self, items: list[dict[str, Any]], value: Any, path: str) -> list[Problem]:
        merged: dict[str, dict[str, Any]] = {}
        for item in items:
            if item["kind"] == "reference" and item["name"] in self.structures:
                merged.update(self.properties(item["name"]))
            elif item["kind"] == "literal":
                merged.update(literal_properties(item))
            else:
                raise ValueError(f"an 'and' of {item['kind']} is not supported")
        return self._object(merged, value, path, " & ".join(type_name(i) for i in items))


ALL_SHAPES = ("null", "bool", "int", "float", "str", "list", "dict")
BASE_SHAPES: dict[str, set[str]] = {
    "null": {"null"}, "boolean": {"bool"}, "string": {"str"}, "RegExp": {"str"}, "URI": {"str"},
    "DocumentUri": {"str"}, "integer": {"int"}, "uinteger": {"int"}, "decimal": {"int", "float"},
}


def json_shape(value: Any) -> str:
    """The JSON shape of a value: `null`, `bool`, `int`, `float`, `str`, `list` or `dict`."""
    if value is None:
        return "null"
    for shape, python_type in (("bool", bool), ("int", int), ("float", float), ("str", str), ("list", list), ("dict", dict)):
        if isinstance(value, python_type):
            return shape
    return "other"


def literal_properties(type_: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The properties of an object literal type by name."""
    return {p["name"]: p for p in type_["value"]["properties"]}


def admits_null(type_: dict[str, Any], model: MetaModel) -> bool:
    """Whether `null` is a value of `type_` (directly, through an `or`, or an alias)."""
    kind = type_["kind"]
    if kind == "base":
        return type_["name"] == "null"
    if kind == "or":
        return any(admits_null(item, model) for item in type_["items"])
    if kind == "reference" and type_["name"] == "LSPAny":
        return True
    if kind == "reference" and type_["name"] in model.aliases:
        return admits_null(model.aliases[type_["name"]]["type"], model)
    return False


def type_name(type_: dict[str, Any]) -> str:
    """A short readable name of a meta model type."""
    kind = type_["kind"]
    if kind in ("base", "reference"):
        return type_["name"]
    if kind == "array":
        return type_name(type_["element"]) + "[]"
    if kind == "or":
        return " | ".join(type_name(i) for i in type_["items"])
    if kind == "stringLiteral":
        return repr(type_["value"])
    return kind


def is_integer(value: Any) -> bool:
    """An int that is not a bool (JSON numbers written without a fraction or exponent)."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_json(value: Any) -> bool:
    """Whether `value` is made of JSON types only."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return True
    if isinstance(value, list):
        return all(is_json(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and is_json(v) for k, v in value.items())
    return False


def describe(value: Any) -> str:
    """A value as a short string for messages."""
    text = json.dumps(value, ensure_ascii=False) if is_json(value) else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
