"""The shared core: text (Unicode, slugs, numbers as the council writes them), files (atomic writes), the
message catalogue and its problems and exceptions, and the project's paths. Standard library and Babel
only; every other wing may import it, it imports none of them."""
