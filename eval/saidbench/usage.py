"""UsageError: an option value the API refuses (unknown name, number out of range); the CLI's exit 2."""


class UsageError(ValueError):
    """An option value the API refuses: an unknown task, scheme, metric or baseline, a number out of range.

    A ValueError, so callers that catch ValueError keep working; the CLI maps exactly this (and argparse's own
    errors) to exit code 2, and no other ValueError.
    """
