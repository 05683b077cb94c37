"""The validating client: pytest-lsp's LanguageClient with every server message tapped and judged.

Each message the server sends is seen three times:

1. raw, as parsed JSON, before anything else: checked against the LSP meta model
   (`metamodel.MetaModel`) and, per method, against the profile's capabilities (`checks`);
2. by lsprotocol, which pygls uses to read it into typed objects: a message it cannot read is
   a violation (pygls alone would log it and leave the request hanging);
3. by pytest-lsp's own capability checks, whose warnings are collected as violations.

The client answers the server's requests the way a client supporting them would (it never
applies edits), and records the requests the profile does not support as violations.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import os
import time
import warnings
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Callable

import cattrs
from pygls.exceptions import JsonRpcException
from pygls.protocol.json_rpc import JsonRPCNotification, JsonRPCRequestMessage, JsonRPCResponseMessage
from pytest_lsp import LanguageClient, LspSpecificationWarning
from pytest_lsp.client import register_lsp_features
from pytest_lsp.protocol import LanguageClientProtocol
from lsprotocol.converters import get_converter
from lsprotocol.types import ClientCapabilities, ResponseErrorMessage
from pygls.protocol import default_converter

from . import checks
from .documents import end_position, index_of
from .metamodel import MetaModel
from .profiles import Profile
from .violations import Violation

TIMEOUT_SCALE = max(1.0, float(os.environ.get("DOSSIER_TIMEOUT_SCALE", "1") or 1))
REQUEST_TIMEOUT = 10.0 * TIMEOUT_SCALE
METHOD_NOT_FOUND = -32601


class Answer:
    """A response as the server sent it: `result`, or `error` (`{"code", "message"}`)."""

    def __init__(self, message: dict[str, Any] | None):
        self.message = message or {}
        self.result = self.message.get("result")
        self.error = self.message.get("error")

    @property
    def ok(self) -> bool:
        """Whether a response arrived and it is not an error."""
        return bool(self.message) and self.error is None


class ConformanceProtocol(LanguageClientProtocol):
    """pytest-lsp's protocol with a tap on every raw message and lenient fallbacks, so one bad
    message is reported, not turned into a hang."""

    session: Session | None = None

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.awaiting: dict[Any, Future[Any]] = {}
        self.result_types: dict[Any, Any] = {}

    def structure_message(self, data: dict[str, Any]) -> Any:
        if "jsonrpc" not in data:
            return data  # a nested object: json.loads calls this hook bottom-up
        if self.session is not None:
            self.session.observe(copy.deepcopy(data))
        try:
            if "id" in data and "method" not in data:
                # A response to the suite: typed by the result type its request was sent with.
                result_type = self.result_types.pop(data["id"], None)
                if "error" not in data:
                    return self._converter.structure(data, result_type or JsonRPCResponseMessage)
            return super().structure_message(data)
        except Exception as error:  # lsprotocol could not read it: report, then pass it on untyped
            if self.session is not None:
                method = self.session.method_of(data)
                self.session.record(Violation("lsprotocol", method, f"lsprotocol cannot read the message: {reason(error)}"))
            return untyped(data)

    def send_request(self, method: str, params: Any = None, callback: Callable[[Any], None] | None = None,
                     msg_id: Any = None) -> Future[Any]:
        # As pygls' send_request, but params go out as given (plain JSON), not through lsprotocol.
        if msg_id is None:
            msg_id = self.session.next_id() if self.session else id(object())
        future: Future[Any] = Future()
        # Kept apart from pygls' _request_futures and _result_types, which also hold the server's
        # requests being answered, under the server's ids: its request 2 would take our request 2's.
        self.awaiting[msg_id] = future
        self.result_types[msg_id] = self.get_result_type(method)
        if self.session is not None:
            self.session.sent[msg_id] = method
        message: dict[str, Any] = {"jsonrpc": "2.0", "id": msg_id, "method": method}
        if params is not None:
            message["params"] = params
        self._send_data(message)
        return future

    def _handle_response(self, msg_id: Any, result: Any = None, error: Any = None) -> None:
        future = self.awaiting.pop(msg_id, None)
        if future is None:
            if self.session is not None:
                self.session.record(Violation("jsonrpc", "(response)", f"a response to id {msg_id!r}, which no request of the client has"))
            return
        if error is not None:
            future.set_exception(JsonRpcException.from_error(error))
        else:
            future.set_result(result)

    def notify(self, method: str, params: Any = None) -> None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self._send_data(message)

    def _handle_request(self, msg_id: Any, method_name: str, params: Any) -> None:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            super()._handle_request(msg_id, method_name, params)
        if self.session is not None:
            self.session.record_warnings(method_name, caught)

    def _handle_notification(self, method_name: str, params: Any) -> None:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            super()._handle_notification(method_name, params)
        if self.session is not None:
            self.session.record_warnings(method_name, caught)


def reason(error: BaseException) -> str:
    """A readable reason for a structuring failure (cattrs' per-field messages when it has them)."""
    cause = error.__cause__ or error
    if isinstance(cause, cattrs.ClassValidationError):
        return "; ".join(cattrs.transform_error(cause))[:600]
    return repr(cause)[:600]


def untyped(data: dict[str, Any]) -> Any:
    """A message pygls can dispatch without lsprotocol types."""
    if "id" in data and "method" not in data:
        if "error" in data:
            return get_converter().structure(data, ResponseErrorMessage)
        return JsonRPCResponseMessage(id=data["id"], jsonrpc=data["jsonrpc"], result=data.get("result"))
    if "id" in data:
        return JsonRPCRequestMessage(id=data["id"], method=data["method"], jsonrpc=data["jsonrpc"], params=data.get("params"))
    return JsonRPCNotification(method=data.get("method", ""), jsonrpc=data["jsonrpc"], params=data.get("params"))


def make_client() -> LanguageClient:
    """pytest-lsp's client on the conformance protocol, with handlers for every server request."""
    client = LanguageClient(protocol_cls=ConformanceProtocol, converter_factory=default_converter)
    register_lsp_features(client)
    for method, answer in CLIENT_ANSWERS.items():
        client.feature(method)(answer)
    return client


def _answer_null(client: LanguageClient, params: Any) -> None:
    return None


def _answer_apply_edit(client: LanguageClient, params: Any) -> dict[str, Any]:
    return {"applied": False, "failureReason": "the conformance client applies no edits"}


def _answer_workspace_folders(client: LanguageClient, params: Any) -> list[dict[str, str]]:
    session = client.protocol.session
    return [] if session is None else [{"uri": session.root.as_uri(), "name": session.root.name}]


# Server requests pytest-lsp has no handler for, answered as a client supporting them would.
CLIENT_ANSWERS: dict[str, Callable[[LanguageClient, Any], Any]] = {
    "client/registerCapability": _answer_null,
    "client/unregisterCapability": _answer_null,
    "workspace/codeLens/refresh": _answer_null,
    "workspace/semanticTokens/refresh": _answer_null,
    "workspace/inlayHint/refresh": _answer_null,
    "workspace/inlineValue/refresh": _answer_null,
    "workspace/foldingRange/refresh": _answer_null,
    "window/showMessageRequest": _answer_null,
    "workspace/applyEdit": _answer_apply_edit,
    "workspace/workspaceFolders": _answer_workspace_folders,
}


class Session:
    """One server process driven by one profile: requests, notifications, and what came back."""

    def __init__(self, client: LanguageClient, profile: Profile, model: MetaModel, root: Path):
        self.client = client
        self.profile = profile
        self.model = model
        self.root = root
        self.encoding = "utf-16"
        self.server_capabilities: dict[str, Any] = {}
        self.violations: list[Violation] = []
        self.sent: dict[Any, str] = {}
        self.responses: dict[Any, dict[str, Any]] = {}
        self.notifications: list[tuple[float, str, Any]] = []
        self.server_requests: list[tuple[float, str, Any]] = []
        self.texts: dict[str, str] = {}
        self.versions: dict[str, int] = {}
        self.sent_versions: dict[str, set[int]] = {}
        self.progress = checks.progress.ProgressTracker()
        self.shut_down = False
        self.test_name = ""
        self._ids = itertools.count(1)
        self._arrived = asyncio.Event()
        client.protocol.session = self
        for path in sorted(root.rglob("*.md")):
            self.texts[path.as_uri()] = path.read_text(encoding="utf-8")

    # Bookkeeping

    def next_id(self) -> int:
        """A fresh request id."""
        return next(self._ids)

    def method_of(self, message: dict[str, Any]) -> str:
        """The method a message is about (a response's is its request's)."""
        if "method" in message:
            return message["method"]
        return self.sent.get(message.get("id"), "(response to an unknown request)")

    def record(self, violation: Violation) -> None:
        """Adds a violation."""
        self.violations.append(violation)

    def record_all(self, violations: list[Violation]) -> None:
        """Adds violations."""
        self.violations.extend(violations)

    def record_warnings(self, method: str, caught: list[warnings.WarningMessage]) -> None:
        """pytest-lsp's capability warnings as violations (other warnings are shown again)."""
        for warning in caught:
            if issubclass(warning.category, LspSpecificationWarning):
                reason = str(warning.message).split("\n")[0]
                self.record(Violation("pytest-lsp", method, f"pytest-lsp rejects the message: {reason}"))
            else:
                warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)

    def violations_about(self, *methods: str) -> list[Violation]:
        """The violations about messages of the given methods."""
        return [v for v in self.violations if v.method in methods]

    def uri(self, name: str) -> str:
        """The URI of a workspace file."""
        return (self.root / name).as_uri()

    def text(self, uri: str) -> str | None:
        """A document's current text (its open buffer, else the file as copied), if known."""
        return self.texts.get(uri)

    # Observing the server

    def observe(self, message: dict[str, Any]) -> None:
        """Judges one raw server message (called before pygls dispatches it)."""
        try:
            self._judge(message)
        except Exception as error:  # a bug of the suite: reported, and the session goes on
            self.record(Violation("suite-error", self.method_of(message), f"the suite failed judging the message: {error!r}"))
        self._arrived.set()

    def _judge(self, message: dict[str, Any]) -> None:
        now = time.monotonic()
        self.record_all(checks.envelope.check_envelope(self, message))
        method = self.method_of(message)
        if "method" in message and "id" in message:
            self.server_requests.append((now, method, message.get("params")))
            self.record_all(checks.messages.check_server_request(self, method, message.get("params")))
        elif "method" in message:
            self.notifications.append((now, method, message.get("params")))
            self.record_all(checks.messages.check_notification(self, method, message.get("params")))
        else:
            self.responses[message.get("id")] = message
            self.record_all(checks.messages.check_response_shape(self, method, message))

    async def wait_until(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """Waits until `predicate()` holds (checked as messages arrive); False after `timeout` seconds."""
        deadline = time.monotonic() + timeout * TIMEOUT_SCALE
        while not predicate():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            self._arrived.clear()
            try:
                await asyncio.wait_for(self._arrived.wait(), timeout=min(remaining, 0.05))
            except asyncio.TimeoutError:
                pass
        return True

    # Talking to the server

    async def request(self, method: str, params: Any, *, expect_error: bool = False) -> Answer:
        """Sends a request and waits for its answer; every rule about the answer is checked."""
        if self.server_exited:
            self.record(Violation("server-exited", method, f"the server exited ({self.client._server.returncode}) before this request"))
            return Answer(None)
        msg_id = self.next_id()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                await asyncio.wait_for(self.client.protocol.send_request_async(method, params, msg_id=msg_id),
                                       timeout=REQUEST_TIMEOUT)
            except JsonRpcException:
                pass  # an error answer: judged below from the raw message
            except asyncio.TimeoutError:
                self.record(Violation("no-answer", method, f"no answer within {REQUEST_TIMEOUT:.0f} s"))
            except Exception as error:  # the validating client could not take the answer
                self.record(Violation("pytest-lsp", method, f"the client fails on the answer: {error!r}"[:600]))
        self.record_warnings(method, caught)
        answer = Answer(self.responses.get(msg_id))
        if answer.error is not None:
            code = answer.error.get("code")
            if code == METHOD_NOT_FOUND:
                self.record(Violation("method-not-found", method, f"answered -32601 ({answer.error.get('message')})"))
            elif not expect_error:
                self.record(Violation("error-answer", method, f"answered error {code}: {answer.error.get('message')}"))
        elif answer.ok:
            self.record_all(checks.responses.check_response(self, method, params, answer.result))
        return answer

    @property
    def server_exited(self) -> bool:
        """Whether the server process has ended."""
        server = self.client._server
        return server is not None and server.returncode is not None

    def notify(self, method: str, params: Any) -> None:
        """Sends a notification."""
        self.client.protocol.notify(method, params)

    async def initialize(self) -> Answer:
        """`initialize` with the profile's capabilities as recorded, then `initialized`."""
        self.client.capabilities = get_converter().structure(self.profile.capabilities, ClientCapabilities)
        answer = await self.request("initialize", self.profile.initialize_params(self.root, os.getpid()))
        if answer.ok and isinstance(answer.result, dict):
            self.server_capabilities = answer.result.get("capabilities") or {}
            self.encoding = self.server_capabilities.get("positionEncoding", "utf-16")
        self.notify("initialized", {})
        return answer

    def advertises(self, dotted: str) -> bool:
        """Whether a server capability (dotted path, e.g. `codeLensProvider.resolveProvider`) is on."""
        value: Any = self.server_capabilities
        for key in dotted.split("."):
            if not isinstance(value, dict) or key not in value:
                return False
            value = value[key]
        return bool(value)

    def open(self, name: str) -> str:
        """Opens a workspace file as the client would (`didOpen`, version 1) unless it is open; returns its URI."""
        uri = self.uri(name)
        if uri in self.versions:
            return uri
        text = (self.root / name).read_text(encoding="utf-8")
        self.texts[uri] = text
        self.versions[uri] = 1
        self.sent_versions[uri] = {1}
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
        return uri

    def edit(self, uri: str, range_: dict[str, Any], new_text: str) -> None:
        """An incremental `didChange` replacing `range_` by `new_text`."""
        text = self.texts[uri]
        start, end = index_of(text, range_["start"], self.encoding), index_of(text, range_["end"], self.encoding)
        self.texts[uri] = text[:start] + new_text + text[end:]
        self.versions[uri] += 1
        self.sent_versions[uri].add(self.versions[uri])
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": self.versions[uri]},
            "contentChanges": [{"range": range_, "text": new_text}],
        })

    def append(self, uri: str, new_text: str) -> dict[str, int]:
        """Types `new_text` at the end of an open document; returns the position after it."""
        end = end_position(self.texts[uri], self.encoding)
        self.edit(uri, {"start": end, "end": end}, new_text)
        return end_position(self.texts[uri], self.encoding)

    async def indexed(self) -> None:
        """Waits until the server has indexed the workspace (workspace symbols find the cast)."""
        if not self.advertises("workspaceSymbolProvider"):
            await asyncio.sleep(1.0 * TIMEOUT_SCALE)
            return
        for _ in range(50):
            answer = await self.request("workspace/symbol", {"query": "Lloyd Austin"})
            if answer.ok and answer.result:
                return
            await asyncio.sleep(0.1)

    async def shutdown(self) -> int | None:
        """`shutdown` then `exit`; the server's exit code (None if it did not exit)."""
        self.shut_down = True
        await self.request("shutdown", None)
        self.notify("exit", None)
        server = self.client._server
        if server is None:
            return None
        try:
            return await asyncio.wait_for(server.wait(), timeout=REQUEST_TIMEOUT)
        except asyncio.TimeoutError:
            return None

