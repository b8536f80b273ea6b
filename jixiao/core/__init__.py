"""The pure core: the evaluation model, money helpers and the error type shared by every shell."""
