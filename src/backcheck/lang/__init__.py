"""All language knowledge, under the checks: language identification (`detect`), text
normalisation (`normalise`), and the lexicons and evidence the checks share.

Checks depend on `backcheck.checks.Context` and on this package, never on each other.
"""
