"""Rules about server messages, by kind of message.

Every check is a function of the session (`ctx`: profile, negotiated encoding, document texts,
meta model, server capabilities) and the message, returning the violations it finds.
"""

from . import envelope, messages, progress, responses  # noqa: F401
