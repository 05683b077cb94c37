"""The LSP conformance suite's library: meta model, client profiles, the validating client, the rules."""
